package io.stratum.api.internal;

import io.stratum.api.DatabaseSettings;
import io.stratum.api.internal.logging.EclipseLinkSystemLog;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.ModelCatalogue;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.SharedCacheMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.eclipse.persistence.sessions.server.Server;

/** Bootstraps EclipseLink over the pool, in code (no persistence.xml, no weaving, no DDL generation). */
final class EntityManagerFactories {
    private EntityManagerFactories() {
    }

    static EntityManagerFactory create(String sessionName, DatabaseSettings settings, DialectProvider dialect,
                                       ModelCatalogue catalogue, DataSource dataSource) {
        PersistenceConfiguration configuration = new PersistenceConfiguration("stratum")
                .provider(PersistenceProvider.class.getName())
                .sharedCacheMode(SharedCacheMode.NONE);
        catalogue.managedClasses().forEach(configuration::managedClass);
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.nonJtaDataSource", dataSource);
        properties.put("eclipselink.target-database", dialect.eclipseLinkPlatform());
        // No agent in an SE module-path deployment; lazy to-one relations are not used by the model.
        properties.put("eclipselink.weaving", "false");
        // The schema belongs to the migrations, never to EclipseLink.
        properties.put("eclipselink.ddl-generation", "none");
        properties.put("eclipselink.session-name", sessionName);
        // System.Logger, so the application's logging receives it; the backend decides what is shown (quiet
        // by default: EclipseLink's routine records arrive at DEBUG). SQL only with echo, then at INFO.
        properties.put("eclipselink.logging.logger", EclipseLinkSystemLog.class.getName());
        properties.put("eclipselink.logging.level", "FINEST");
        properties.put("eclipselink.logging.level.sql", settings.echo() ? "FINE" : "OFF");
        properties.put("eclipselink.logging.parameters", "false");
        // Database-side ON DELETE CASCADE and SET NULL bypass any cache, so nothing is cached across sessions.
        properties.put("eclipselink.cache.shared.default", "false");
        properties.put("eclipselink.jdbc.batch-writing", "JDBC");
        properties.put("eclipselink.jdbc.batch-writing.size", "100");
        // Each INSERT/UPDATE is sent as written; the pool hands out autocommit connections.
        properties.put("eclipselink.jdbc.bind-parameters", "true");
        properties.put("eclipselink.jdbc.cache-statements", "false");
        properties.put("eclipselink.query-results-cache", "false");
        properties.put("eclipselink.validation-only", "false");
        configuration.properties(properties);
        EntityManagerFactory factory = new PersistenceProvider().createEntityManagerFactory(configuration);
        try {
            // Logging in validates every mapping now, not at the first query, and lets the commit order be
            // set after EclipseLink computed its own.
            factory.createEntityManager().close();
            AbstractSession session = (AbstractSession) factory.unwrap(Server.class);
            session.getCommitManager().setCommitOrder(new ArrayList<>(catalogue.commitOrder()));
            // On a lost connection EclipseLink would reconnect and retry (3 times, a second apart) before
            // failing; Stratum fails at once with a retryable DatabaseUnavailableException instead (the
            // pool drops the broken connection), so a call during an outage returns within the timeouts.
            session.getLogin().setQueryRetryAttemptCount(0);
            return factory;
        } catch (RuntimeException e) {
            factory.close();
            throw e;
        }
    }
}
