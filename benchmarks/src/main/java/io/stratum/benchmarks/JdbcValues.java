package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.UUID;

/**
 * How the hand-written JDBC paths bind and read the reference's types, as a JDBC programmer would on
 * each database: native uuid and timestamptz on PostgreSQL; text UUIDs and UTC microsecond text
 * timestamps on SQLite (the reference's storage there).
 */
abstract class JdbcValues {
    static JdbcValues of(Dialect dialect) {
        return Dialects.POSTGRESQL.equals(dialect) ? new Postgres() : new Sqlite();
    }

    abstract void uuid(PreparedStatement statement, int index, UUID value) throws SQLException;

    abstract void timestamp(PreparedStatement statement, int index, Instant value) throws SQLException;

    abstract UUID readUuid(ResultSet row, int column) throws SQLException;

    abstract Instant readTimestamp(ResultSet row, int column) throws SQLException;

    abstract java.time.Duration readInterval(ResultSet row, int column) throws SQLException;

    abstract void interval(PreparedStatement statement, int index, java.time.Duration value) throws SQLException;

    /** Binds a value of any of the types the benchmarks pass. */
    void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof UUID) {
            uuid(statement, index, (UUID) value);
        } else if (value instanceof Instant) {
            timestamp(statement, index, (Instant) value);
        } else if (value instanceof java.time.Duration) {
            interval(statement, index, (java.time.Duration) value);
        } else {
            statement.setObject(index, value);
        }
    }

    private static final class Postgres extends JdbcValues {
        @Override
        void uuid(PreparedStatement statement, int index, UUID value) throws SQLException {
            statement.setObject(index, value);
        }

        @Override
        void timestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
            statement.setObject(index, value == null ? null : value.atOffset(ZoneOffset.UTC), java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        UUID readUuid(ResultSet row, int column) throws SQLException {
            return row.getObject(column, UUID.class);
        }

        @Override
        java.time.Duration readInterval(ResultSet row, int column) throws SQLException {
            org.postgresql.util.PGInterval value = (org.postgresql.util.PGInterval) row.getObject(column);
            double seconds = value.getDays() * 86400.0 + value.getHours() * 3600.0 + value.getMinutes() * 60.0
                    + value.getSeconds();
            return java.time.Duration.ofNanos(Math.round(seconds * 1e9));
        }

        @Override
        void interval(PreparedStatement statement, int index, java.time.Duration value) throws SQLException {
            statement.setObject(index, new org.postgresql.util.PGInterval(0, 0, 0, 0, 0, value.toNanos() / 1e9));
        }

        @Override
        Instant readTimestamp(ResultSet row, int column) throws SQLException {
            OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
    }

    private static final class Sqlite extends JdbcValues {
        private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
                .appendPattern("yyyy-MM-dd HH:mm:ss")
                .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
                .toFormatter()
                .withZone(ZoneOffset.UTC);

        @Override
        void uuid(PreparedStatement statement, int index, UUID value) throws SQLException {
            statement.setString(index, value == null ? null : value.toString());
        }

        @Override
        void timestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
            statement.setString(index, value == null ? null : TIMESTAMP.format(value));
        }

        @Override
        UUID readUuid(ResultSet row, int column) throws SQLException {
            String value = row.getString(column);
            return value == null ? null : UUID.fromString(value);
        }

        /** The reference stores an interval on SQLite as the timestamp that far after 1970-01-01. */
        @Override
        java.time.Duration readInterval(ResultSet row, int column) throws SQLException {
            return java.time.Duration.between(Instant.EPOCH, readTimestamp(row, column));
        }

        @Override
        void interval(PreparedStatement statement, int index, java.time.Duration value) throws SQLException {
            timestamp(statement, index, Instant.EPOCH.plus(value));
        }

        @Override
        Instant readTimestamp(ResultSet row, int column) throws SQLException {
            String value = row.getString(column);
            return value == null ? null : java.time.LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
    }
}
