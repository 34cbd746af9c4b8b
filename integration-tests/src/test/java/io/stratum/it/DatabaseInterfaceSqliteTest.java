package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Stratum;
import io.stratum.orm.model.FlowEntity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DatabaseInterfaceSqliteTest extends DatabaseInterfaceContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    void assertStoredUtcMicros(UUID runId, Instant expected) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT s.timestamp, typeof(s.timestamp), s.id, "
                     + "r.total_run_time FROM flow_run r JOIN flow_run_state s ON s.id = r.state_id WHERE r.id = ?")) {
            statement.setString(1, runId.toString());
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("2026-01-02 03:04:05.123456");
                assertThat(row.getString(2)).isEqualTo("text");
                assertThat(row.getString(3)).matches("[0-9a-f-]{36}");
                assertThat(row.getString(4)).isEqualTo("1970-01-01 00:01:30.250000");
            }
        }
    }

    @Override
    List<String> userTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    @Override
    long objectCount() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void isDbConnectableIsFalseForAFolderThatIsGone() {
        SqliteTestDatabase other = new SqliteTestDatabase();
        DatabaseSettings settings = DatabaseSettings.builder().url("jdbc:sqlite:" + other.file()).migrateOnStart(false).build();
        DatabaseInterface db = open(settings);
        other.close();
        assertThat(db.isDbConnectable()).isFalse();
    }

    /**
     * A readiness probe's contract (issue 15): with migrate_on_start off, opening touches nothing, and
     * isDbConnectable answers false, never throwing, for a folder where the file should be, a file that is
     * not a database, and a folder that does not exist; nothing is created or changed.
     */
    @Test
    void withoutMigrateOnStartOpenTouchesNothingAndIsDbConnectableAnswersFalse() throws Exception {
        Path root = Files.createTempDirectory("stratum-probe");
        try {
            Path folder = Files.createDirectory(root.resolve("a-folder.db"));
            Path text = Files.writeString(root.resolve("notes.db"), "not a database\n");
            Path missing = root.resolve("missing").resolve("stratum.db");
            List<String> before = listing(root);
            for (Path target : List.of(folder, text, missing)) {
                DatabaseInterface db = open(DatabaseSettings.builder().url("jdbc:sqlite:" + target).migrateOnStart(false).build());
                assertThat(db.isDbConnectable()).as(target.toString()).isFalse();
                db.close();
            }
            assertThat(listing(root)).isEqualTo(before);
            assertThat(Files.readString(text)).isEqualTo("not a database\n");
        } finally {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String> listing(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.map(p -> root.relativize(p) + (Files.isDirectory(p) ? "/" : " " + p.toFile().length()))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void missingFolderIsAClearError() {
        assertThatThrownBy(() -> Stratum.open(DatabaseSettings.builder()
                .url("jdbc:sqlite:/nonexistent-stratum-folder/x/stratum.db").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("/nonexistent-stratum-folder/x")
                .hasMessageContaining("does not exist");
    }

    @Test
    void inMemoryDatabaseLivesAsLongAsTheInterface() {
        DatabaseInterface db = open(DatabaseSettings.builder().url("jdbc:sqlite::memory:").migrateOnStart(true).build());
        FlowEntity flow = new FlowEntity("in-memory");
        db.inTransaction(session -> {
            session.persist(flow);
            return null;
        });
        long flows = db.sessionContext(false, false,
                session -> session.createQuery("SELECT count(f) FROM Flow f", Long.class).getSingleResult());
        assertThat(flows).isEqualTo(1);
    }
}
