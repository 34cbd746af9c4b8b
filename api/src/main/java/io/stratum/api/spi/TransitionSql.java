package io.stratum.api.spi;

import io.stratum.api.Api;
import java.util.List;
import java.util.Optional;

/**
 * What differs between databases when state transitions are written (one run or a batch of runs, see
 * {@link io.stratum.api.query.StateTransitions}): whether the database takes a whole transition (the
 * lock, the free timestamp, the state insert and the run's bookkeeping) in one statement. Where it does
 * not (every method empty), the shared code locks and reads the runs, applies the bookkeeping rules itself
 * and writes the states and the runs with prepared single-row statements sent as JDBC batches.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface TransitionSql {

    /**
     * One statement that makes one transition of one run of {@code runTable} ({@code flow_run} or
     * {@code task_run}) entirely in the database, so a single transition is one round trip: it locks the
     * run, moves the new state's timestamp forward 1 µs at a time while another state of the run has it,
     * inserts the state into {@code stateTable} and updates the run with the reference's bookkeeping (the
     * rules {@link io.stratum.api.query.StateTransitions} describes, applied to the locked row's current
     * fields). Empty when the database has no such statement: the shared code then locks and reads the run,
     * applies the rules itself and writes as for a batch of one.
     *
     * <p>Parameters: the run's {@code id}, the proposed timestamp, the new state's type and name, its
     * scheduled time ({@code state_details.scheduled_time}, or null), the run's new {@code updated}, and
     * whether a task run entering RUNNING records its flow run's {@code run_count} as
     * {@code flow_run_run_count} (a boolean; false for flow runs), and whether the statement runs alone in
     * autocommit (a boolean: then a flow run with a {@code parent_task_run_id} is left unwritten, as the row
     * says, because its parent task run must follow in the same transaction); then the state row's values in the order
     * of {@code stateColumns} (reference column names), except {@code timestamp}, which the statement
     * chooses, and the state's run column ({@code flow_run_id} or {@code task_run_id}), {@code type} and
     * {@code name}, which are the proposed run id, type and name (bound once, above). The bound {@code
     * state_details} name neither run (so equal details are one text, converted once): the statement sets the
     * run's own id and the other run id from the locked row ({@code task_run_id}: a flow run's {@code
     * parent_task_run_id}; {@code flow_run_id}: a task run's flow run), as {@link #transitionOfRuns} does.
     *
     * <p>It returns no row when the run does not exist (nothing is written), else one row: whether the
     * state was written (false when a state of the run written concurrently took the chosen timestamp
     * first, and the caller runs the statement again; or, alone, for a subflow: nothing is written then), the other run id
     * as above, and the run's new {@code state_timestamp}, {@code start_time}, {@code end_time},
     * {@code run_count}, {@code total_run_time}, {@code expected_start_time} and
     * {@code next_scheduled_start_time}.
     */
    Optional<String> transitionOfOneRun(String runTable, String stateTable, List<String> stateColumns);

    /**
     * The proposed transitions of {@link #transitionOfRuns}, bound with {@link BulkWriteSql#bindColumn}: the
     * run ids, the proposed timestamps, the types, the names and the scheduled times (null where none).
     */
    List<BulkWriteSql.TypedColumn> PROPOSED_COLUMNS = List.of(new BulkWriteSql.TypedColumn("run_id", "uuid", false),
            new BulkWriteSql.TypedColumn("proposed", "timestamptz", false),
            new BulkWriteSql.TypedColumn("type", "state_type", false),
            new BulkWriteSql.TypedColumn("name", "varchar", false),
            new BulkWriteSql.TypedColumn("scheduled", "timestamptz", false));

    /**
     * {@link #transitionOfOneRun} for a batch of transitions of distinct runs: one statement locks them
     * (in id order), picks each state's free timestamp, inserts the states and updates the runs by the
     * same rules, so a batch costs one round trip whatever its size. Empty when the database has no such
     * statement (the shared code then locks and reads the runs and writes them itself).
     *
     * <p>{@code proposedColumns} are the {@link #PROPOSED_COLUMNS} and {@code stateColumns} the state row's
     * columns but {@code timestamp}, which the statement chooses (reference column names with their database
     * types), each as this call sends it: a {@linkplain BulkWriteSql.TypedColumn#shared() shared} column's
     * one value is bound once; a state column {@linkplain BulkWriteSql.TypedColumn#sameAs() the same as}
     * another takes no parameter and stores, in every row, that column's value: a proposed column's when
     * it names one (the run id, the type, the name), else an earlier per-row state column's; every other
     * column's values travel as one array. Parameters, all but the first two bound with
     * {@link BulkWriteSql#bindColumn}: the runs' new {@code updated}, whether a task run entering RUNNING
     * records its flow run's {@code run_count} (as for {@link #transitionOfOneRun}), the shared columns' values
     * (proposed, then state, each in the order given), then the per-row columns' arrays (proposed, then
     * state), element i of every array belonging to the same transition. The bound {@code state_details}
     * name neither run: the statement sets the run's own id and the other run id from the locked row. It
     * returns one row per existing run: the columns {@link #transitionOfOneRun} returns, then the run's
     * {@code id}; a missing run has no row.
     */
    default Optional<String> transitionOfRuns(String runTable, String stateTable,
                                              List<BulkWriteSql.TypedColumn> proposedColumns,
                                              List<BulkWriteSql.TypedColumn> stateColumns) {
        return Optional.empty();
    }
}
