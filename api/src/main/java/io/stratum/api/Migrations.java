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

    /** Applies revisions up to {@code revision} ({@code "head"} = newest); returns those applied. */
    List<Revision> upgrade(String revision);

    /** Reverts revisions ({@code "-1"}, {@code "-N"}, {@code "base"}, or a revision id that stays applied); returns those reverted. */
    List<Revision> downgrade(String revision);

    /** Records the revision as current without running scripts. */
    void stamp(String revision);

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
