package io.stratum.api.internal;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A single-writer database's connections (SQLite on a file): the process's write transactions all run on
 * one connection of their own, everything else on the pool. The holder of the write turn asks for it
 * ({@link #lendToThisThread}) just before its session takes a connection; that one request is served
 * from a pool of exactly one connection, which only turn holders use, one at a time, so it never waits.
 *
 * <p>Why: SQLite drops a connection's page cache whenever another connection has written. With each
 * writer on a pooled connection of its own, every write transaction of four workers began on a cold cache
 * and re-read its pages, and four workers moved fewer runs than one (issue 18: 1,193 against 2,252 single
 * transitions per second). On one connection the cache stays warm from one write to the next.
 */
final class WriterConnection extends PoolDecorator implements AutoCloseable {
    private final AgroalDataSource writer;
    private final ThreadLocal<Boolean> lent = new ThreadLocal<>();

    /** {@code pool} for everything else; {@code writer} a pool of one connection, closed with this. */
    WriterConnection(DataSource pool, AgroalDataSource writer) {
        super(pool);
        this.writer = writer;
    }

    /** The current thread's next request for a connection gets the writer's; call it holding the write turn. */
    void lendToThisThread() {
        lent.set(Boolean.TRUE);
    }

    /** Ends a lending the current thread's session did not take (it failed before asking). */
    void endLending() {
        lent.remove();
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (lent.get() != null) {
            lent.remove();
            return writer.getConnection();
        }
        return pool.getConnection();
    }

    /** Whether write transactions on this database share a writer connection: SQLite in a file, writable. */
    static boolean usedFor(io.stratum.api.spi.DialectProvider dialect, io.stratum.api.DatabaseSettings settings) {
        return dialect.singleWriter() && !dialect.isInMemory(settings) && !settings.readOnly();
    }

    /**
     * {@code pool}'s figures with the writer's connection added, one more connection of the interface
     * ({@code writer} null: not open, like the pool before the first session). Its refusals are
     * {@code failures}' and already in {@code pool}'s.
     */
    static io.stratum.api.PoolStatistics addedTo(io.stratum.api.PoolStatistics pool, WriterConnection writer,
                                                 SessionFailures failures) {
        io.stratum.api.PoolStatistics own = Pools.statistics(writer == null ? null : writer.writer, 1, failures);
        return new io.stratum.api.PoolStatistics(pool.active() + own.active(), pool.idle() + own.idle(),
                pool.pending() + own.pending(), pool.max() + own.max(), pool.acquired() + own.acquired(),
                pool.acquireTime().plus(own.acquireTime()), pool.timeouts(), pool.leaks() + own.leaks());
    }

    /** Replaces the writer's connection as {@code mode} says (see the pool's flush). */
    void flush(AgroalDataSource.FlushMode mode) {
        writer.flush(mode);
    }

    @Override
    public void close() {
        writer.close();
    }
}
