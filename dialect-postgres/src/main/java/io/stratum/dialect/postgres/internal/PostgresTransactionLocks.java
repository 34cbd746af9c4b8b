package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.TransactionLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Row locks with {@code FOR UPDATE}; key locks with transaction-scoped advisory locks. */
public final class PostgresTransactionLocks implements TransactionLocks {

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public void lockKey(Connection transaction, long key) throws SQLException {
        // Released by the server at commit or rollback, so a failed caller can never leak it.
        try (PreparedStatement statement = transaction.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            statement.setLong(1, key);
            statement.execute();
        }
    }
}
