package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.StorageValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dialect's {@link StorageValues}, which all hand-written SQL binds and reads with: timestamps and
 * intervals come back as they were bound, on the interface's own pooled connections, whatever the
 * session's time zone. Run once per dialect by the subclasses.
 */
abstract class StorageValuesContract {
    static final List<Instant> INSTANTS = List.of(Instant.parse("2026-12-07T11:02:03.123456Z"), Instant.EPOCH,
            Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2024-02-29T23:59:59.999999Z"),
            Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"));
    static final List<Duration> DURATIONS = List.of(Duration.ZERO, Duration.ofNanos(1000), Duration.ofMillis(-1500),
            Duration.ofHours(25), Duration.ofDays(400).plusNanos(1000), Duration.ofDays(-3).minusMillis(250),
            Duration.ofDays(1).minusNanos(1000));

    protected TestDatabase database;
    protected DatabaseInterface db;
    protected StorageValues values;

    abstract TestDatabase newDatabase();

    /** A table of one timestamp column {@code ts} and one interval column {@code iv}, as the dialect types them. */
    abstract String createTable();

    /** Statements that change how the session shows times (none where the database has no such setting). */
    List<String> sessionTimeZones() {
        return List.of();
    }

    @BeforeEach
    void open() throws Exception {
        database = newDatabase();
        db = Stratum.open(database.settings().build());
        values = ServiceLoader.load(DialectProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(provider -> provider.dialect().equals(db.dialect())).findFirst().orElseThrow().storageValues();
        try (Connection connection = db.engine().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(createTable());
        }
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    @Test
    void timestampsAndIntervalsComeBackAsBound() throws Exception {
        try (Connection connection = db.engine().dataSource().getConnection()) {
            List<Instant> instants = new java.util.ArrayList<>();
            List<Duration> durations = new java.util.ArrayList<>();
            for (int i = 0; i < Math.max(INSTANTS.size(), DURATIONS.size()); i++) {
                instants.add(INSTANTS.get(i % INSTANTS.size()));
                durations.add(DURATIONS.get(i % DURATIONS.size()));
                write(connection, instants.get(i), durations.get(i));
            }
            // Read more often than the driver's prepare threshold, so server-prepared (binary) results are read too.
            for (int round = 0; round < 7; round++) {
                assertThat(readAll(connection, "SELECT ts FROM t ORDER BY ts", true)).as("round " + round)
                        .containsExactlyElementsOf(instants.stream().sorted().toList());
                assertThat(readAll(connection, "SELECT iv FROM t ORDER BY iv", false)).as("round " + round)
                        .containsExactlyElementsOf(durations.stream().sorted().toList());
            }
        }
    }

    @Test
    void aBoundTimestampMeansTheSameInstantInEverySessionTimeZone() throws Exception {
        try (Connection connection = db.engine().dataSource().getConnection()) {
            for (String zone : sessionTimeZones()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(zone);
                }
                for (Instant instant : INSTANTS) {
                    try (PreparedStatement select = connection.prepareStatement("SELECT ts FROM t WHERE ts = ?")) {
                        values.bind(select, 1, instant);
                        try (ResultSet row = select.executeQuery()) {
                            // The first zone finds the table empty and writes each instant; every later zone must
                            // find each by the instant it binds (a miss writes a second row: the check below sees it).
                            if (!row.next()) {
                                write(connection, instant, Duration.ZERO);
                                continue;
                            }
                            assertThat(values.readTimestamp(row, 1)).as(zone).isEqualTo(instant);
                        }
                    }
                }
                assertThat(readAll(connection, "SELECT ts FROM t ORDER BY ts", true)).as(zone)
                        .containsExactlyElementsOf(INSTANTS.stream().sorted().toList());
            }
        }
    }

    protected void write(Connection connection, Instant instant, Duration duration) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (ts, iv) VALUES (?, ?)")) {
            values.bind(insert, 1, instant);
            values.bind(insert, 2, duration);
            insert.executeUpdate();
        }
    }

    protected List<Object> readAll(Connection connection, String sql, boolean timestamps) throws Exception {
        List<Object> read = new java.util.ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            while (row.next()) {
                read.add(timestamps ? values.readTimestamp(row, 1) : values.readInterval(row, 1));
            }
        }
        return read;
    }
}
