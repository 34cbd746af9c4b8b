package io.stratum.queries.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.StratumException;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written queries that may also run outside a transaction. Inside the caller's transaction they go
 * through {@link TransactionSql} (so they see the transaction's own writes and take its locks);
 * without one, EclipseLink has no connection to lend, so they run on a pooled connection in
 * auto-commit mode.
 */
final class SessionReads {
    private final DatabaseInterface database;
    private final DialectSql dialect;

    SessionReads(DatabaseInterface database, DialectSql dialect) {
        this.database = database;
        this.dialect = dialect;
    }

    <T> List<T> query(EntityManager session, String operation, NamedSql.Bound sql,
                      TransactionSql.RowReader<T> reader) {
        if (session.getTransaction().isActive()) {
            return TransactionSql.of(session, dialect, operation).query(sql.sql(), reader, sql.parameters().toArray());
        }
        try (Connection connection = database.engine().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            int index = 1;
            for (Object parameter : sql.parameters()) {
                dialect.values().bind(statement, index++, parameter);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StratumException(operation + " failed: " + e.getMessage() + " (SQL state " + e.getSQLState()
                    + ", statement: " + sql.sql() + ").", e);
        }
    }
}
