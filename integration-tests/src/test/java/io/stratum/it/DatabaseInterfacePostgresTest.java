package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Stratum;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DatabaseInterfacePostgresTest extends DatabaseInterfaceContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    void assertStoredUtcMicros(UUID runId, Instant expected) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT s.timestamp, pg_typeof(s.timestamp)::text, "
                     + "pg_typeof(s.id)::text, pg_typeof(s.state_details)::text FROM flow_run r JOIN flow_run_state s "
                     + "ON s.id = r.state_id WHERE r.id = ?")) {
            statement.setObject(1, runId);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(expected);
                assertThat(row.getString(2)).isEqualTo("timestamp with time zone");
                assertThat(row.getString(3)).isEqualTo("uuid");
                assertThat(row.getString(4)).isEqualTo("jsonb");
            }
        }
    }

    @Override
    List<String> userTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    @Override
    long objectCount() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON "
                     + "n.oid = c.relnamespace WHERE n.nspname = current_schema()) + (SELECT count(*) FROM pg_type t JOIN "
                     + "pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema()) + (SELECT count(*) "
                     + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()) + "
                     + "(SELECT count(*) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE "
                     + "n.nspname = current_schema())")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void passwordStaysOutOfErrorsAndLogsWhenTheServerIsUnreachable() throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        int port = closedLoopbackPort();
        List<String> logged = new ArrayList<>();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level previous = root.getLevel();
        root.addHandler(capture);
        root.setLevel(java.util.logging.Level.ALL);
        try {
            DatabaseSettings settings = DatabaseSettings.builder()
                    .url("jdbc:postgresql://127.0.0.1:" + port + "/none?password=" + secret)
                    .user("postgres").password(secret).connectionTimeout(Duration.ofSeconds(2)).build();
            Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> Stratum.open(settings));
            assertThat(error).isInstanceOf(io.stratum.api.DatabaseUnavailableException.class);
            for (Throwable t = error; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            }
            assertThat(error.getMessage()).contains("127.0.0.1:" + port);
        } finally {
            root.removeHandler(capture);
            root.setLevel(previous);
        }
        assertThat(logged).noneMatch(line -> line.contains(secret));
    }

    /** JIT compiling short OLTP statements costs more than running them (docs/benchmarks.md, worker claims). */
    @Test
    void sessionsRunWithoutJitAndWithTheStatementTimeout() {
        DatabaseInterface db = open(database.settings().timeout(Duration.ofSeconds(17)).build());
        Object[] settings = db.sessionContext(false, false, session -> (Object[]) session
                .createNativeQuery("SELECT current_setting('jit'), current_setting('statement_timeout')").getSingleResult());
        assertThat(settings).containsExactly("off", "17s");
    }

    @Test
    void isDbConnectableIsFalseAndFastForAClosedLoopbackPort() throws Exception {
        int port = closedLoopbackPort();
        DatabaseInterface db = open(DatabaseSettings.builder().url("jdbc:postgresql://127.0.0.1:" + port + "/none")
                .user("postgres").connectionTimeout(Duration.ofSeconds(2)).migrateOnStart(false).build());
        long start = System.nanoTime();
        assertThat(db.isDbConnectable()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
