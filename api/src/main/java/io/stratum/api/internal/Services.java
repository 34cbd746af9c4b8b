package io.stratum.api.internal;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DialectNotFoundException;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.MigrationEngine;
import io.stratum.api.spi.ModelCatalogue;
import io.stratum.api.spi.QueryComponentsFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the service implementations on the module path (or class path), with errors that say which jar is missing. */
final class Services {
    /** What every deployment needs, whatever the path: said by every "missing artifact" error. */
    static final String ARTIFACTS = "A deployment needs stratum-api, stratum-orm-models, the dialect of its database "
            + "(stratum-dialect-sqlite, stratum-dialect-postgres), to use queries() stratum-queries and, to migrate, "
            + "stratum-migrations, with their "
            + "dependencies, all on the module path or all on the class path.";

    /**
     * The dialect modules Stratum itself ships, only so that the error for a URL no installed dialect
     * accepts can name the artifact to add. Dialects are found by {@link ServiceLoader}, never from
     * this list: a third-party dialect module needs no entry here.
     */
    private static final List<ShippedDialect> SHIPPED = List.of(
            new ShippedDialect("jdbc:postgresql:", "stratum-dialect-postgres", "io.stratum.dialect.postgres"),
            new ShippedDialect("jdbc:sqlite:", "stratum-dialect-sqlite", "io.stratum.dialect.sqlite"));

    private Services() {
    }

    private record ShippedDialect(String urlPrefix, String artifact, String module) {
        boolean serves(String url) {
            return url.regionMatches(true, 0, urlPrefix, 0, urlPrefix.length());
        }
    }

    static DialectProvider dialectFor(DatabaseSettings settings) {
        String url = settings.url();
        List<DialectProvider> all = load(DialectProvider.class);
        return all.stream()
                .filter(provider -> provider.accepts(url))
                .max(Comparator.comparingInt(DialectProvider::priority))
                .orElseThrow(() -> noDialect(settings, all));
    }

    /** Every installed dialect provider. */
    static List<DialectProvider> dialects() {
        return load(DialectProvider.class);
    }

    static ModelCatalogue catalogue() {
        List<ModelCatalogue> all = load(ModelCatalogue.class);
        if (all.isEmpty()) {
            throw new ConfigurationException("No Stratum model catalogue found: add the stratum-orm-models "
                    + "artifact (module io.stratum.orm) to the application's dependencies. " + ARTIFACTS);
        }
        return all.get(0);
    }

    /** The migration engine, or {@code null} when stratum-migrations is absent (the error comes when one is needed). */
    static MigrationEngine migrationEngineOrNull() {
        List<MigrationEngine> all = load(MigrationEngine.class);
        return all.isEmpty() ? null : all.get(0);
    }

    static QueryComponentsFactory queryComponentsFactory() {
        List<QueryComponentsFactory> all = load(QueryComponentsFactory.class);
        if (all.isEmpty()) {
            throw new ConfigurationException("No Stratum query components found: add the stratum-queries "
                    + "artifact (module io.stratum.queries) to use DatabaseInterface.queries(). " + ARTIFACTS);
        }
        return all.get(0);
    }

    private static DialectNotFoundException noDialect(DatabaseSettings settings, List<DialectProvider> present) {
        String available = present.isEmpty() ? "none"
                : present.stream().map(p -> p.dialect().id()).distinct().collect(Collectors.joining(", "));
        String scheme = scheme(settings.url());
        Optional<ShippedDialect> shipped = SHIPPED.stream().filter(s -> s.serves(settings.url())).findFirst();
        if (shipped.isPresent()) {
            return new DialectNotFoundException("No Stratum dialect installed accepts URL scheme '" + scheme
                    + "' (" + settings.redactedUrl() + "). Add the " + shipped.get().artifact() + " artifact (module "
                    + shipped.get().module() + ") next to stratum-api, on the module path or the class path. "
                    + "Dialects present: " + available + ".");
        }
        return new DialectNotFoundException("URL scheme '" + scheme + "' (" + settings.redactedUrl()
                + ") is not supported. Stratum supports " + SHIPPED.stream()
                .map(s -> s.urlPrefix() + " (artifact " + s.artifact() + ")").collect(Collectors.joining(" and "))
                + ". Dialects present: " + available + ".");
    }

    private static String scheme(String url) {
        int second = url.indexOf(':', 5);
        return second > 0 ? url.substring(0, second + 1) : url;
    }

    /**
     * Providers in named modules visible to this module's class loader and, for class-path deployments,
     * those registered in {@code META-INF/services}.
     */
    private static <S> List<S> load(Class<S> service) {
        ServiceLoader<S> loader = ServiceLoader.load(service, Services.class.getClassLoader());
        return loader.stream().map(ServiceLoader.Provider::get).collect(Collectors.toList());
    }
}
