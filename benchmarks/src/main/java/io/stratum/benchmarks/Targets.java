package io.stratum.benchmarks;

import io.stratum.api.Dialect;

/**
 * The ratios to the hand-written floor that issue 18 asks of the hot paths, by database: 0.8× on
 * PostgreSQL, and 0.9× on SQLite for claims, transitions and bulk transitions at 1 and 4 writers (where
 * there are no round trips to save, the floor is the same statements, so less is allowed to be lost).
 */
final class Targets {
    static final double POSTGRESQL_FLOOR = 0.8;
    static final double SQLITE_FLOOR = 0.9;

    private Targets() {
    }

    /** The target of a claim, transition or bulk transition against its floor on {@code dialect}. */
    static double hotPathFloor(Dialect dialect) {
        return Dialects.SQLITE.equals(dialect) ? SQLITE_FLOOR : POSTGRESQL_FLOOR;
    }
}
