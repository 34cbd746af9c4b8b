package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.StorageValues;
import io.stratum.dialect.postgres.eclipselink.PostgresPlatform;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/**
 * PostgreSQL's native types. Strings are sent untyped ({@code stringtype=unspecified}), so JSON text
 * lands in {@code jsonb}/{@code json} columns and enum names in the native enum types.
 *
 * <p>Timestamps are sent and intervals read as text this class writes and parses itself (see
 * {@link PostgresTimeText}), where the driver's forms cost a calendar per statement and a reflective
 * object per interval: together about a fifth of the Java a single transition spent beyond a hand-written
 * statement (JFR, issue 18). Values outside that text's plain forms take the driver's way.
 */
public final class PostgresStorageValues implements StorageValues {
    private static final String TIMESTAMPTZ = "timestamptz";

    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else if (value instanceof Enum<?>) {
            statement.setString(index, ((Enum<?>) value).name());
        } else if (value instanceof Instant instant) {
            bindTimestamp(statement, index, instant);
        } else {
            statement.setObject(index, PostgresPlatform.toStorage(value));
        }
    }

    private static void bindTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        String text = PostgresTimeText.timestamp(value);
        if (text == null) {
            statement.setObject(index, PostgresPlatform.toStorage(value));
            return;
        }
        // Typed as the driver types an OffsetDateTime (timestamptz), so the server infers the same everywhere.
        PGobject typed = new PGobject();
        typed.setType(TIMESTAMPTZ);
        typed.setValue(text);
        statement.setObject(index, typed);
    }

    @Override
    public Instant readTimestamp(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public Duration readInterval(ResultSet row, int column) throws SQLException {
        String text = row.getString(column);
        if (text == null) {
            return null;
        }
        Duration parsed = PostgresTimeText.interval(text);
        return parsed != null ? parsed : PostgresPlatform.toDuration((PGInterval) row.getObject(column));
    }

    @Override
    public UUID readUuid(ResultSet row, int column) throws SQLException {
        return row.getObject(column, UUID.class);
    }
}
