package io.stratum.it;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Dialect;
import io.stratum.api.Stratum;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the contracts that run on a database migrated to the newest revision: each test gets its own
 * database, opened with migrate-on-start. Raw SQL runs on pooled connections, which carry the dialect's
 * settings (SQLite: foreign keys on; PostgreSQL: text parameters typed by the server).
 */
abstract class MigratedDatabaseContract {
    private static final DateTimeFormatter SQLITE_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    protected TestDatabase database;
    protected DatabaseInterface db;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void openMigratedDatabase() {
        database = newDatabase();
        db = Stratum.open(database.settings().migrateOnStart(true).build());
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    Dialect dialect() {
        return database.dialect();
    }

    Connection connection() throws SQLException {
        return db.engine().dataSource().getConnection();
    }

    /** A timestamp as a raw statement binds it: timestamptz on PostgreSQL, the stored UTC text on SQLite. */
    Object timestampParameter(Instant value) {
        return Dialects.SQLITE.equals(dialect()) ? SQLITE_TIMESTAMP.format(value) : value.atOffset(ZoneOffset.UTC);
    }

    /** Runs one statement in its own transaction (auto-commit) and returns the update count. */
    int execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** The rows of a query, each as its column values. */
    List<Object[]> query(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The single value of a query returning one row, as text ({@code null} for SQL NULL). */
    String text(String sql, Object... parameters) throws SQLException {
        List<Object[]> rows = query(sql, parameters);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + ", got " + rows.size());
        }
        Object value = rows.get(0)[0];
        return value == null ? null : value.toString();
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            // UUIDs as text: SQLite stores them so, and PostgreSQL types text parameters itself.
            statement.setObject(i + 1, parameter instanceof java.util.UUID ? parameter.toString() : parameter);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier + '"';
    }

    static Throwable causeOfType(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }
}
