package io.stratum.dialect.sqlite.internal;

import io.stratum.api.spi.TransitionSql;
import java.util.List;
import java.util.Optional;

/**
 * No combined statement: SQLite has no data-modifying common table expressions, and an embedded database
 * has no round trips to save. The states and the runs are written with prepared single-row statements
 * executed as JDBC batches, inside the write transaction that already excludes every other writer.
 */
public final class SqliteTransitionSql implements TransitionSql {

    @Override
    public Optional<String> transitionOfOneRun(String runTable, String stateTable, List<String> stateColumns) {
        return Optional.empty();
    }
}
