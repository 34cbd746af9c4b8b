package io.stratum.migrations;

import io.stratum.api.Api;
import java.time.Duration;

/**
 * The database objects Stratum's migrations keep for themselves, next to the application's tables.
 * Operators may read them; nothing else should write them.
 */
@Api(Api.Status.STABLE)
public final class Bookkeeping {
    /**
     * The migration history, in Flyway's format: one row per applied revision ({@code version},
     * {@code description}, {@code installed_on}, {@code success}, …). A downgrade deletes the revision's
     * row; a stamp writes rows without running scripts.
     */
    public static final String HISTORY_TABLE = "stratum_schema_history";

    /**
     * SQLite only: the migration lock (kept by the SQLite dialect module), one row ({@code id = 1}) with
     * the holder's {@code host}, {@code pid} and {@code process_start}, a random {@code owner} tag,
     * {@code acquired_at} and {@code expires_at} (epoch milliseconds). The table exists only while a
     * migration holds the lock (or after a process died holding it: the next migration takes it over at
     * once when the dead holder ran on its host, else once the row expired, and removes the table when it
     * is done).
     */
    public static final String LOCK_TABLE = "stratum_migration_lock";

    /**
     * PostgreSQL only: the key of the session-level advisory lock held while revisions are applied,
     * reverted or stamped ({@code pg_advisory_lock(bigint)}): the ASCII bytes of "Stratum". Advisory
     * locks are per database, so the lock serialises migrations of one database, whichever schema they
     * target. In {@code pg_locks} it shows as {@code locktype = 'advisory'}, {@code classid = 5469298}
     * (the high 32 bits, 0x537472), {@code objid = 1635022189} (the low 32 bits, 0x6174756d) and
     * {@code objsubid = 1}. The PostgreSQL dialect module takes it; while it is held, the holding session's
     * {@code application_name} reads {@code stratum migration: host <host>, pid <pid>, started <time>}.
     */
    public static final long POSTGRES_ADVISORY_LOCK_KEY = 0x0053_7472_6174_756DL;

    /**
     * SQLite only: how long a lock row stays valid without renewal. The holder renews it inside every
     * revision's transaction, at its start and at its end, so only a holder that died (or hangs between
     * revisions) for this long loses it. A holder on the same host whose process is gone loses it at once.
     */
    public static final Duration SQLITE_LOCK_LEASE = Duration.ofSeconds(60);

    private Bookkeeping() {
    }
}
