package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageValuesPostgresTest extends StorageValuesContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    String createTable() {
        return "CREATE TABLE t (ts timestamptz, iv interval)";
    }

    /** Whole hours, a quarter hour, a negative half hour, and a zone whose offset had seconds in 1900. */
    @Override
    List<String> sessionTimeZones() {
        return List.of("SET TIME ZONE 'UTC'", "SET TIME ZONE 'Asia/Kathmandu'", "SET TIME ZONE 'America/St_Johns'",
                "SET TIME ZONE 'Europe/Amsterdam'", "SET TIME ZONE 'Pacific/Kiritimati'");
    }

    /** Instants beyond four-digit years, and intervals of months and years, take the driver's way and still arrive. */
    @Test
    void valuesOutsideThePlainTextFormsStillArrive() throws Exception {
        Instant farFuture = Instant.parse("+12345-06-07T08:09:10.111213Z");
        try (Connection connection = db.engine().dataSource().getConnection()) {
            write(connection, farFuture, Duration.ZERO);
            assertThat(readAll(connection, "SELECT ts FROM t", true)).containsExactly(farFuture);
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT interval '1 year 2 mons 3 days 04:05:06.7', "
                         + "interval 'P1DT2H', interval '-1 mons'")) {
                row.next();
                assertThat(values.readInterval(row, 1)).isEqualTo(Duration.ofDays(365 + 60 + 3).plusHours(4).plusMinutes(5)
                        .plusSeconds(6).plusMillis(700));
                assertThat(values.readInterval(row, 2)).isEqualTo(Duration.ofHours(26));
                assertThat(values.readInterval(row, 3)).isEqualTo(Duration.ofDays(-30));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET intervalstyle = 'iso_8601'");
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT interval '1 day 02:03:04.5'");
                 ResultSet row = select.executeQuery()) {
                row.next();
                assertThat(values.readInterval(row, 1)).isEqualTo(Duration.ofDays(1).plusHours(2).plusMinutes(3)
                        .plusSeconds(4).plusMillis(500));
            }
        }
    }
}
