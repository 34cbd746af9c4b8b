package io.stratum.api.spi;

import io.stratum.api.Api;
import java.util.List;
import java.util.Optional;

/**
 * What differs between databases when state transitions are written (one run or a batch of runs, see
 * {@link io.stratum.api.query.StateTransitions}): whether the new states and the runs' new fields go in
 * one statement. The shared code locks and reads the runs, applies the bookkeeping rules and builds the
 * state rows itself; the dialect only shapes the write.
 *
 * <p>The new fields of a run are bound as one row of values, in this order: {@code id}, then
 * {@link #RUN_COLUMNS}, then for {@code flow_run} {@code empirical_policy} (JSON text, or null to keep
 * the stored policy) and for {@code task_run} {@code flow_run_run_count}.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface TransitionSql {

    /** The columns a transition sets on every run, in binding order (after {@code id}). */
    List<String> RUN_COLUMNS = List.of("state_id", "state_type", "state_name", "state_timestamp", "start_time",
            "end_time", "run_count", "total_run_time", "expected_start_time", "next_scheduled_start_time", "updated");

    /**
     * One statement that writes a batch of {@code rows} transitions of distinct runs of {@code runTable}
     * ({@code flow_run} or {@code task_run}), or empty when the database has no such statement (the shared
     * code then runs the state insert and a single-row run update as JDBC batches).
     *
     * <p>{@code stateInsert} is the multi-row state insert of the batch, ending in {@code ON CONFLICT (<run
     * column>, "timestamp") DO NOTHING}; its parameters are bound first, then {@code rows} rows of the run
     * values described above. The statement updates only the runs whose state was inserted (a state whose
     * timestamp another state of its run already has is skipped, and so is its run's update) and returns
     * one row per updated run: its {@code id}.
     */
    Optional<String> writeStatesAndRuns(String stateInsert, String runTable, int rows);
}
