package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.orm.model.FlowEntity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * Stratum, Flyway and EclipseLink log through {@link System.Logger}; with no LoggerFinder installed its
 * backend is java.util.logging, so the records are captured there, at every level, as an application's
 * bridge would receive them.
 */
abstract class LoggingContract extends FreshDatabaseContract {
    private static final String FLYWAY = "org.flywaydb";
    private static final String ECLIPSELINK = "org.eclipse.persistence";

    /** Settings of this test's database whose password is {@code secret} (and appears nowhere else). */
    abstract DatabaseSettings.Builder settingsWithPassword(String secret) throws Exception;

    @Test
    void aFirstMigrationAtDefaultSettingsLogsNothingAtInfoFromFlywayOrEclipseLink() {
        List<LogRecord> records = capture(() -> {
            DatabaseInterface db = open(database.settings().migrateOnStart(true).build());
            db.inTransaction(session -> {
                session.persist(new FlowEntity("etl-" + UUID.randomUUID()));
                return null;
            });
        });
        assertThat(records).filteredOn(r -> from(r, FLYWAY) || from(r, ECLIPSELINK))
                .filteredOn(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .extracting(LoggingContract::text).isEmpty();
        // Routed, not lost: Flyway's progress arrives through System.Logger at DEBUG (JUL FINE).
        assertThat(records).filteredOn(r -> from(r, FLYWAY) && r.getLevel() == Level.FINE)
                .extracting(LoggingContract::text).anyMatch(text -> text.contains("Migrating schema"));
        // No SQL without echo.
        assertThat(records).filteredOn(r -> r.getLoggerName().equals(ECLIPSELINK + ".sql")).isEmpty();
    }

    @Test
    void echoLogsEverySqlStatementAtInfo() {
        String name = "echoed-" + UUID.randomUUID();
        List<LogRecord> records = capture(() -> {
            DatabaseInterface db = open(database.settings().migrateOnStart(true).echo(true).build());
            db.inTransaction(session -> {
                session.persist(new FlowEntity(name));
                return null;
            });
        });
        List<LogRecord> sql = records.stream().filter(r -> r.getLoggerName().equals(ECLIPSELINK + ".sql")).toList();
        assertThat(sql).extracting(LogRecord::getLevel).containsOnly(Level.INFO);
        assertThat(sql).extracting(LoggingContract::text).anyMatch(text -> text.startsWith("INSERT INTO flow"));
        // Bind values (row data) stay out of the log.
        assertThat(sql).extracting(LoggingContract::text).noneMatch(text -> text.contains(name));
    }

    @Test
    void thePasswordAppearsInNoRecordAtAnyLevel() throws Exception {
        String secret = "pw" + UUID.randomUUID().toString().replace("-", "");
        DatabaseSettings settings = settingsWithPassword(secret).migrateOnStart(true).echo(true).build();
        List<LogRecord> records = capture(() -> {
            DatabaseInterface db = open(settings);
            db.inTransaction(session -> {
                session.persist(new FlowEntity("secretive-" + UUID.randomUUID()));
                return null;
            });
            db.migrations().downgrade("-1");
            db.migrations().upgrade("head");
            db.close();
        });
        assertThat(records).isNotEmpty();
        assertThat(records).filteredOn(record -> text(record).contains(secret))
                .extracting(record -> record.getLoggerName() + ": " + text(record)).isEmpty();
    }

    private static boolean from(LogRecord record, String namespace) {
        return record.getLoggerName() != null && record.getLoggerName().startsWith(namespace);
    }

    /** The record as a handler prints it: message with its parameters, and the whole stack trace. */
    private static String text(LogRecord record) {
        StringBuilder text = new StringBuilder(new SimpleFormatter().formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        return text.toString();
    }

    /** Every record published while {@code work} runs, whatever its level; JUL's levels restored after. */
    private static List<LogRecord> capture(Runnable work) {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        try {
            work.run();
        } finally {
            root.removeHandler(handler);
            root.setLevel(previous);
        }
        synchronized (records) {
            return List.copyOf(records);
        }
    }
}
