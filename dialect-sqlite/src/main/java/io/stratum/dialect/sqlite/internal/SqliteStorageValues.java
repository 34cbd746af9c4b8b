package io.stratum.dialect.sqlite.internal;

import io.stratum.api.spi.StorageValues;
import io.stratum.dialect.sqlite.eclipselink.SqlitePlatform;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** SQLite's storage forms, the same the EclipseLink platform writes: text for UUIDs, timestamps and intervals. */
public final class SqliteStorageValues implements StorageValues {

    @Override
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        Object stored = value instanceof Enum<?> ? ((Enum<?>) value).name() : SqlitePlatform.toStorage(value);
        statement.setObject(index, stored);
    }

    @Override
    public Instant readTimestamp(ResultSet row, int column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : SqlitePlatform.parseTimestamp(text);
    }

    @Override
    public Duration readInterval(ResultSet row, int column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : SqlitePlatform.parseInterval(text);
    }

    @Override
    public UUID readUuid(ResultSet row, int column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : UUID.fromString(text);
    }
}
