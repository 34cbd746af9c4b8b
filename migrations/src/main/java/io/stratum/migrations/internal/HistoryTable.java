package io.stratum.migrations.internal;

import io.stratum.migrations.Bookkeeping;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Reads and edits Flyway's history table directly, for what Flyway Community does not do (downgrade,
 * stamp). Rows of type {@code BASELINE} are Flyway's marker, written when Stratum creates the table
 * through Flyway, and are never revisions.
 */
final class HistoryTable {
    private static final Logger LOG = System.getLogger(HistoryTable.class.getName());
    static final String TABLE = Bookkeeping.HISTORY_TABLE;

    private HistoryTable() {
    }

    static boolean exists(Connection connection) throws SQLException {
        String schema = connection.getSchema();
        try (ResultSet tables = connection.getMetaData().getTables(null, schema, TABLE, new String[] {"TABLE"})) {
            while (tables.next()) {
                if (TABLE.equals(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Applied revisions with their time, in applied order. */
    static Map<String, Instant> applied(Connection connection) throws SQLException {
        Map<String, Instant> applied = new LinkedHashMap<>();
        if (!exists(connection)) {
            return applied;
        }
        // success bound, not written: each driver sends true in its database's form (SQLite stores 1).
        try (PreparedStatement statement = connection.prepareStatement("SELECT version, installed_on FROM " + TABLE
                + " WHERE success = ? AND version IS NOT NULL AND type <> 'BASELINE' ORDER BY installed_rank")) {
            statement.setBoolean(1, true);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    applied.put(rows.getString(1), toInstant(rows.getObject(2)));
                }
            }
        }
        return applied;
    }

    static Optional<String> newestOf(Collection<String> versions) {
        return versions.stream().max(Versions.ORDER);
    }

    static void delete(Connection connection, String version) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE version = ?")) {
            statement.setString(1, version);
            statement.executeUpdate();
        }
    }

    static void deleteBaseline(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + TABLE + " WHERE type = 'BASELINE'");
        }
    }

    /**
     * Makes exactly the known revisions up to {@code id} appear applied ({@code null}: none), recording
     * missing ones as Flyway would (same script name and checksum) and deleting the others, including
     * revisions this build does not know.
     */
    static void stamp(Connection connection, List<ScriptCatalog.Script> scripts, MigrationInfo[] resolved, String id)
            throws SQLException {
        Map<String, Instant> applied = applied(connection);
        int rank;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COALESCE(MAX(installed_rank), 0) FROM " + TABLE)) {
            row.next();
            rank = row.getInt(1);
        }
        for (String version : applied.keySet()) {
            if (scripts.stream().noneMatch(s -> s.id().equals(version))) {
                LOG.log(Level.WARNING, () -> "Stamp removes revision " + version + ", unknown to this build, from " + TABLE + ".");
                delete(connection, version);
            }
        }
        for (ScriptCatalog.Script script : scripts) {
            String version = script.id();
            boolean wanted = id != null && Versions.compare(version, id) <= 0;
            if (!wanted && applied.containsKey(version)) {
                delete(connection, version);
            } else if (wanted && !applied.containsKey(version)) {
                Integer checksum = null;
                for (MigrationInfo info : resolved) {
                    if (info.getVersion() != null && info.getVersion().getVersion().equals(version)) {
                        checksum = info.getResolvedChecksum() != null ? info.getResolvedChecksum() : info.getChecksum();
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                        + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                        + " VALUES (?, ?, ?, 'SQL', ?, ?, ?, 0, ?)")) {
                    insert.setInt(1, ++rank);
                    insert.setString(2, version);
                    insert.setString(3, script.revision().description());
                    insert.setString(4, script.fileName());
                    if (checksum == null) {
                        insert.setNull(5, java.sql.Types.INTEGER);
                    } else {
                        insert.setInt(5, checksum);
                    }
                    insert.setString(6, "stratum stamp");
                    insert.setBoolean(7, true);
                    insert.executeUpdate();
                }
            }
        }
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Timestamp) {
            return ((Timestamp) value).toInstant();
        }
        if (value instanceof java.time.OffsetDateTime) {
            return ((java.time.OffsetDateTime) value).toInstant();
        }
        if (value instanceof String) {
            String text = ((String) value).trim().replace(' ', 'T');
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        if (value instanceof Number) {
            return Instant.ofEpochMilli(((Number) value).longValue());
        }
        return null;
    }
}
