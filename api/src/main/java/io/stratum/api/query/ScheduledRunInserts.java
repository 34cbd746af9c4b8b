package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.model.FlowRun;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/**
 * The scheduler's bulk insert of flow runs (the reference's {@code _insert_scheduled_flow_runs}). See
 * {@link QueryComponents#scheduler()}.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface ScheduledRunInserts {

    /**
     * The most runs one call takes: a call is a few statements in the caller's transaction with every
     * row's values in memory. The reference's scheduler inserts at most a few hundred runs per deployment
     * and loop; insert more in several calls.
     */
    int MAX_RUNS = 50_000;

    /**
     * Inserts the runs that do not exist yet, each in a SCHEDULED state, as the reference's scheduler does:
     * the runs with {@code INSERT … ON CONFLICT (flow_id, idempotency_key) DO NOTHING}, a {@code Scheduled}
     * state for each run actually inserted (type SCHEDULED, message {@code "Flow run scheduled"},
     * timestamp now, created and updated at that timestamp, {@code state_details.scheduled_time} = the run's
     * scheduled time), and each inserted run
     * pointed at its state ({@code state_id}, set-based). A run whose ({@code flow_id},
     * {@code idempotency_key}) is stored already — also earlier in the same list — is skipped and keeps its
     * row and state; runs without an idempotency key never collide.
     *
     * <p>Each run is a new, not persisted {@code db.flowRun()} with its {@code flow_id} and its scheduled
     * time as {@code next_scheduled_start_time} (the reference's row carries it so too); its other columns
     * are written as given. Set here, on the objects too: {@code state_type} SCHEDULED, {@code state_name}
     * {@code "Scheduled"}, {@code state_timestamp} = the state's timestamp, {@code expected_start_time} =
     * the scheduled time when unset, and, for inserted runs, {@code state_id}. Every run is checked before
     * the first statement; a bad one fails the call naming its position, writing nothing.
     *
     * <p>Writes the columns some run sets, and those with a table default that some run holds null or
     * another value for; the table's defaults fill the others (a column holding its constant default in
     * every run, such as {@code context = {}} or {@code run_count = 0}, is left to the default). Costs one
     * statement per call on PostgreSQL, whatever the number of runs (each column's values bound as one
     * array of its type; runs and states in one data-modifying statement), and on SQLite one prepared
     * INSERT of runs run once per run as a JDBC batch, then one of the states of the runs inserted. Each
     * run already points at the id its state will have ({@code flow_run.state_id} is checked at commit).
     * Runs in the caller's transaction (pending changes flushed first); entities of these runs
     * already loaded in the session are not refreshed.
     *
     * @return the ids of the runs inserted, in input order
     * @throws io.stratum.api.StratumException naming the run and field when a run lacks its flow id or
     *         scheduled time, or when the session has no active transaction; {@link IllegalArgumentException}
     *         when a run is not a new flow run of this model, or for more than {@value #MAX_RUNS} runs
     */
    List<UUID> insertScheduledFlowRuns(EntityManager session, List<? extends FlowRun> runs);
}
