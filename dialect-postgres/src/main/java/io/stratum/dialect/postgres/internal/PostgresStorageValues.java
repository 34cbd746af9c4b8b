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

/**
 * PostgreSQL's native types. Strings are sent untyped ({@code stringtype=unspecified}), so JSON text
 * lands in {@code jsonb}/{@code json} columns and enum names in the native enum types.
 */
public final class PostgresStorageValues implements StorageValues {

    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else if (value instanceof Enum<?>) {
            statement.setString(index, ((Enum<?>) value).name());
        } else {
            statement.setObject(index, PostgresPlatform.toStorage(value));
        }
    }

    @Override
    public Instant readTimestamp(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public Duration readInterval(ResultSet row, int column) throws SQLException {
        Object value = row.getObject(column);
        return value == null ? null : PostgresPlatform.toDuration((PGInterval) value);
    }

    @Override
    public UUID readUuid(ResultSet row, int column) throws SQLException {
        return row.getObject(column, UUID.class);
    }
}
