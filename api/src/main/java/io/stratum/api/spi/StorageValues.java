package io.stratum.api.spi;

import io.stratum.api.Api;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * How a database stores the reference's column types, for SQL written by hand (the entities' own
 * statements get the same forms from the dialect's EclipseLink platform). SQLite keeps UUIDs, timestamps
 * and intervals as text and booleans as integers; PostgreSQL has native types.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface StorageValues {

    /**
     * Binds a parameter in this database's storage form. Accepts null, {@link UUID}, {@link Instant},
     * {@link Duration} (an interval column), {@link Boolean}, numbers, enums (their name, for enum columns)
     * and strings (also JSON text for JSON columns).
     */
    void bind(PreparedStatement statement, int index, Object value) throws SQLException;

    /** A timestamp column; null stays null. */
    Instant readTimestamp(ResultSet row, int column) throws SQLException;

    /** An interval column; null stays null. */
    Duration readInterval(ResultSet row, int column) throws SQLException;

    /** A UUID column; null stays null. */
    UUID readUuid(ResultSet row, int column) throws SQLException;
}
