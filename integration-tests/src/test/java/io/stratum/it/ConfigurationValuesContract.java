package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.StratumException;
import io.stratum.api.query.ConfigurationValues;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configuration values through the per-instance TTL cache, run once per dialect by the subclasses. */
abstract class ConfigurationValuesContract {
    protected TestDatabase database;
    private DatabaseInterface db;
    private ConfigurationValues values;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).build());
        values = db.queries().configuration();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    @Test
    void aWriteIsSeenByTheNextReadADeleteByTheOneAfterAndARollbackByNone() throws Exception {
        assertThat(read(values, "ENCRYPTION_KEY")).isEmpty();
        write(values, "ENCRYPTION_KEY", Map.of("fernet_key", "k1"));
        assertThat(read(values, "ENCRYPTION_KEY")).contains(Map.of("fernet_key", "k1"));
        write(values, "ENCRYPTION_KEY", Map.of("fernet_key", "k2", "rotated", true));
        assertThat(read(values, "ENCRYPTION_KEY")).contains(Map.of("fernet_key", "k2", "rotated", true));
        assertThat(rows()).isEqualTo(1);
        assertThat(delete("ENCRYPTION_KEY")).isTrue();
        assertThat(read(values, "ENCRYPTION_KEY")).isEmpty();
        assertThat(delete("ENCRYPTION_KEY")).isFalse();

        cachedValuesAreReadOnlyAndWritesNeedATransaction();
        aRolledBackWriteNeverReachesTheCache();
    }

    @Test
    void cachesArePerInstanceAndTheirTimeToLiveBoundsStaleness() throws Exception {
        ConfigurationValues reader = values.withCacheTtl(Duration.ofMillis(500));
        ConfigurationValues writer = values.withCacheTtl(Duration.ofMillis(500));
        write(writer, "theme", Map.of("color", "blue"));
        assertThat(read(reader, "theme")).contains(Map.of("color", "blue"));

        write(writer, "theme", Map.of("color", "red"));
        assertThat(read(writer, "theme")).contains(Map.of("color", "red"));
        // The reader's cache was not told: it answers from its entry until the entry expires.
        assertThat(read(reader, "theme")).contains(Map.of("color", "blue"));
        Thread.sleep(700);
        assertThat(read(reader, "theme")).contains(Map.of("color", "red"));

        // The cache serves reads without the database: a change behind its back stays unseen while fresh.
        ConfigurationValues longLived = values.withCacheTtl(Duration.ofHours(1));
        assertThat(read(longLived, "theme")).contains(Map.of("color", "red"));
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE configuration SET value = '{\"color\": \"green\"}' WHERE \"key\" = 'theme'");
        }
        assertThat(read(longLived, "theme")).contains(Map.of("color", "red"));
        longLived.evict("theme");
        assertThat(read(longLived, "theme")).contains(Map.of("color", "green"));
    }

    private void aRolledBackWriteNeverReachesTheCache() {
        write(values, "mode", Map.of("v", 1));
        assertThatThrownBy(() -> db.inTransaction(session -> {
            values.write(session, "mode", Map.of("v", 2));
            assertThat(values.read(session, "mode")).contains(Map.of("v", 2));
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(read(values, "mode")).contains(Map.of("v", 1));
    }

    private void cachedValuesAreReadOnlyAndWritesNeedATransaction() {
        write(values, "nested", Map.of("list", List.of(1, 2), "map", Map.of("a", "b")));
        Map<String, Object> value = read(values, "nested").orElseThrow();
        assertThatThrownBy(() -> value.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value.get("list");
        assertThatThrownBy(() -> list.add(3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> db.sessionContext(false, false, session -> {
            values.write(session, "nested", Map.of());
            return null;
        })).isInstanceOf(StratumException.class).hasMessageContaining("active transaction");
        assertThatThrownBy(() -> read(values, "")).isInstanceOf(IllegalArgumentException.class);
    }

    private Optional<Map<String, Object>> read(ConfigurationValues from, String key) {
        return db.sessionContext(false, false, session -> from.read(session, key));
    }

    private void write(ConfigurationValues through, String key, Map<String, Object> value) {
        db.inTransaction(session -> {
            through.write(session, key, value);
            return null;
        });
    }

    private boolean delete(String key) {
        return db.inTransaction(session -> values.delete(session, key));
    }

    private long rows() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM configuration")) {
            row.next();
            return row.getLong(1);
        }
    }
}
