package io.stratum.api.spi;

import io.stratum.api.Api;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a transaction keeps others away from what it reads, until it ends. PostgreSQL locks rows
 * ({@code FOR UPDATE}) and application keys (advisory locks); SQLite's write transactions begin
 * {@code IMMEDIATE}, holding the database write lock, so they are serial already and need neither.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface TransactionLocks {

    /**
     * Appended to a {@code SELECT} so the rows it reads stay locked until the transaction ends:
     * {@code " FOR UPDATE"}, or {@code ""} where the transaction holds the database's write lock.
     */
    String forUpdate();

    /**
     * Serialises transactions on an application-defined key (for uniqueness the schema cannot enforce):
     * returns once no other transaction holds the key, which this one then holds until it ends.
     */
    void lockKey(Connection transaction, long key) throws SQLException;
}
