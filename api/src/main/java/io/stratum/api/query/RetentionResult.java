package io.stratum.api.query;

import io.stratum.api.Api;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a clean deleted (or, in a dry run, would delete), per table in the order {@link Retention}
 * works: {@code flow_run}, {@code flow_run_state}, {@code task_run}, {@code task_run_state},
 * {@code flow_run_input}, {@code log}, {@code artifact}, {@code artifact_collection},
 * {@code event_resources}, {@code events} (only the tables of the kinds requested).
 * {@link #repointedCollections()} counts the collections re-pointed at an older artifact instead.
 */
@Api(Api.Status.EXPERIMENTAL)
public final class RetentionResult {
    private final Map<String, Long> rows;
    private final long repointedCollections;
    private final boolean dryRun;
    private final Duration elapsed;

    public RetentionResult(Map<String, Long> rows, long repointedCollections, boolean dryRun, Duration elapsed) {
        this.rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        this.repointedCollections = repointedCollections;
        this.dryRun = dryRun;
        this.elapsed = elapsed;
    }

    /** Rows deleted per table, in work order. */
    public Map<String, Long> rows() {
        return rows;
    }

    /** Rows deleted from {@code table}; 0 for a table not cleaned. */
    public long rows(String table) {
        return rows.getOrDefault(table, 0L);
    }

    /** All rows deleted. */
    public long total() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    public long repointedCollections() {
        return repointedCollections;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Duration elapsed() {
        return elapsed;
    }

    @Override
    public String toString() {
        return "RetentionResult{" + (dryRun ? "dry run, " : "") + "rows=" + rows + ", repointedCollections="
                + repointedCollections + ", elapsed=" + elapsed + "}";
    }
}
