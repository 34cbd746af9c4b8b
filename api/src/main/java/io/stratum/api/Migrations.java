package io.stratum.api;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** Schema revision operations of one {@link DatabaseInterface}. */
@Api(Api.Status.STABLE)
public interface Migrations {

    /** Revisions this build knows, oldest first. */
    List<Revision> revisions();

    /** The newest revision this build knows. */
    Revision newest();

    /** The database's current revision; empty at base. */
    Optional<String> current();

    /** Known revisions with applied state and time, oldest first. */
    List<RevisionStatus> history();

    /** Current revision compared with the newest known. */
    SchemaStatus status();

    /** Applies revisions up to {@code revision} ({@code "head"} = newest); returns those this call applied. */
    default List<Revision> upgrade(String revision) {
        return upgrade(revision, MigrationListener.NONE);
    }

    /**
     * Applies revisions up to {@code revision} in one locked operation: waits for the migration lock (at
     * most {@link DatabaseSettings#lockTimeout()}), reads the current revision under it and applies what
     * is pending, reporting progress to the listener. Returns the revisions this call applied; none when
     * another process applied them while this one waited.
     */
    List<Revision> upgrade(String revision, MigrationListener listener);

    /** Reverts revisions ({@code "-1"}, {@code "-N"}, {@code "base"}, or a revision id that stays applied); returns those reverted. */
    default List<Revision> downgrade(String revision) {
        return downgrade(revision, MigrationListener.NONE);
    }

    /** {@link #downgrade(String)}, reporting the wait for the lock and each reverted revision to the listener. */
    List<Revision> downgrade(String revision, MigrationListener listener);

    /**
     * Records the revision ({@code "base"}, {@code "head"} or an id) as current without running scripts.
     * Refuses with a {@link SchemaVersionException} to remove revisions this build does not know.
     */
    default void stamp(String revision) {
        stamp(revision, false, MigrationListener.NONE);
    }

    /**
     * {@link #stamp(String)}; with {@code force} it also removes applied revisions this build does not
     * know. Returns what it changed.
     */
    StampPlan stamp(String revision, boolean force, MigrationListener listener);

    /** What {@link #stamp(String)} would record and remove; changes nothing. */
    StampPlan planStamp(String revision);

    /** Prints the SQL an upgrade would run; changes nothing. */
    void printUpgrade(String revision, PrintStream out);

    /** Prints the SQL a downgrade would run; changes nothing. */
    void printDowngrade(String revision, PrintStream out);

    /**
     * The same operations on the same database (same connections, lock and timeouts) run by another
     * engine: for tools and tests that bring their own revisions (see {@code
     * io.stratum.migrations.RevisionScripts#engine()}).
     */
    Migrations withEngine(io.stratum.api.spi.MigrationEngine engine);
}
