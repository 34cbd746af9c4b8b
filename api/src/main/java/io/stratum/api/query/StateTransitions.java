package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.model.FlowRunState;
import io.stratum.api.model.TaskRunState;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/**
 * Moves flow runs and task runs into a new state, keeping the run's denormalised state fields as the
 * reference's global orchestration policy does (reference §4.2): {@code state_id}, {@code state_type},
 * {@code state_name}, {@code state_timestamp}; {@code start_time} on the first entry into RUNNING;
 * {@code end_time} on entering a terminal state (with {@code start_time} if still unset), cleared when
 * the run leaves a terminal state for a non-terminal one; {@code run_count} +1 on entering RUNNING (for
 * flow runs not when resuming from PAUSED); {@code total_run_time} grown by the time spent RUNNING;
 * {@code expected_start_time} set once; {@code next_scheduled_start_time} while SCHEDULED.
 *
 * <p>Each operation runs in the caller's session and needs an active transaction (it fails otherwise,
 * writing nothing). It reads the run with a row lock, so two transitions of the same run are
 * serialised and the second sees the first as the run's current state: on PostgreSQL with
 * {@code SELECT … FOR UPDATE}; on SQLite every write transaction already holds the database write lock.
 * On PostgreSQL it costs one statement (one more for a subflow's parent task run): the lock, the read of
 * the current fields, the bookkeeping, the free timestamp, the state insert and the run update are one
 * data-modifying statement; on SQLite three (lock, insert, update).
 * Pending changes of the
 * session are flushed first, so a run persisted earlier in the same transaction can be moved at once.
 *
 * <p>The run row is written with SQL, like a JPQL bulk update: a run entity of the same run already
 * loaded in this session keeps its old field values; use the returned {@link TransitionResult}, or
 * {@code session.refresh(run)}.
 *
 * <p>The state object is the new row: an instance of the model's state entity class
 * ({@code db.flowRunState()}, {@code db.taskRunState()}) that is not persisted yet. Its run id and its
 * {@code state_details.flow_run_id} / {@code task_run_id} are set here (the reference's UpdateStateDetails;
 * a subflow's states get its parent task run as {@code task_run_id}). Its timestamp is kept as given, also
 * when it is earlier than the current state's (a caller may backdate on purpose, e.g. importing history:
 * the current state is the run's {@code state_id}, not the latest timestamp); only a timestamp another
 * state of the run already has moves forward 1 µs at a time until it is free (the unique index
 * {@code (run id, timestamp DESC)} would reject it otherwise), as in the reference. To keep a history in
 * transition order under concurrency, stamp the state after taking the run's lock. The object carries the
 * stored values afterwards. A SCHEDULED state's scheduled time is its {@code state_details.scheduled_time}.
 *
 * <p>Subflows and task runs (reference §4.4, global and core policies): a flow run with a
 * {@code parent_task_run_id} moves its parent task run into a copy of every state it enters (type,
 * timestamp, name, message, details and data, with {@code state_details.child_flow_run_id} naming the
 * subflow), with the task run's own bookkeeping (as the reference's forced transition: without the next
 * rule); and a task run of a flow run entering RUNNING records
 * that flow run's current {@code run_count} as its {@code flow_run_run_count}.
 *
 * <p>Resuming from a pause: a flow run entering RUNNING from PAUSED is not counted as another run. A flow
 * run that leaves PAUSED for another state is marked resuming ({@code empirical_policy.resuming}), so
 * a resume through SCHEDULED and PENDING does not count either; entering RUNNING or a terminal state
 * clears the mark (the reference's IncrementFlowRunCount and RemoveResumingIndicator). This component
 * does bookkeeping only: whether a transition is allowed is the orchestration engine's decision.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface StateTransitions {

    /**
     * Makes {@code state} the current state of flow run {@code flowRunId}.
     *
     * @throws io.stratum.api.StratumException naming the id when no flow run has it, or when the session
     *         has no active transaction; {@link IllegalArgumentException} when {@code state} is not a new
     *         flow run state of this model or lacks its type or name
     */
    TransitionResult setFlowRunState(EntityManager session, UUID flowRunId, FlowRunState state);

    /** Makes {@code state} the current state of task run {@code taskRunId}; as {@link #setFlowRunState}. */
    TransitionResult setTaskRunState(EntityManager session, UUID taskRunId, TaskRunState state);

    /**
     * {@link #setFlowRunState(EntityManager, UUID, FlowRunState)} in a transaction of its own, committed
     * when this returns: for a caller with nothing else to write with it, such as a worker reporting that a
     * run started or finished. The same rules, result and errors. On PostgreSQL it is one round trip: the
     * transition's one statement runs in autocommit on a pooled connection, atomic by itself (no BEGIN, no
     * COMMIT); a subflow run, whose parent task run follows in a second statement, gets a transaction of its
     * own instead. On SQLite it is {@code inTransactionForUpdate} around the transition.
     *
     * <p>Call it outside any session context: inside one ({@code inTransaction}, {@code inTransactionForUpdate},
     * {@code inReadOnlyTransaction}, {@code sessionContext}) it fails with an {@link IllegalStateException}
     * and writes nothing, because it would wait behind the locks of the transaction around it.
     *
     * @throws io.stratum.api.DatabaseUnavailableException when the connection broke; once the statement was
     *         sent the message says that whether the transition was applied is unknown (read the run's state
     *         before retrying)
     */
    TransitionResult setFlowRunState(UUID flowRunId, FlowRunState state);

    /** {@link #setTaskRunState(EntityManager, UUID, TaskRunState)} in a transaction of its own; as {@link #setFlowRunState(UUID, FlowRunState)}. */
    TransitionResult setTaskRunState(UUID taskRunId, TaskRunState state);

    /** The most transitions one bulk call takes ({@link #setFlowRunStates}, {@link #setTaskRunStates}). */
    int MAX_BULK_TRANSITIONS = 1000;

    /**
     * Applies one proposed state per element, with exactly the rules of {@link #setFlowRunState} for each
     * run, as if the elements were applied one after another in list order in this transaction, but in a
     * constant number of statements: the batch's runs are locked in id order with one statement (no
     * deadlock between two batches sharing runs), and on PostgreSQL all states are inserted and all runs
     * updated with one more (on SQLite with two JDBC batches). A subflow's parent task runs follow as one
     * more batch. A run that appears several times is moved in list order: its k-th element is applied
     * in the k-th round of statements, after the earlier ones, so its states, counts and times are those
     * of the same single transitions in the same order. Colliding timestamps follow the single rule: a
     * timestamp another state of the same run already has (also one written earlier in this batch) moves
     * forward 1 µs at a time; states of different runs never collide.
     *
     * <p>A run that does not exist does not fail the batch: its outcome is {@link TransitionOutcome.RunMissing}
     * and nothing is written for it. The result has one outcome per element, in the request's order.
     * An empty list writes nothing and sends no statement.
     *
     * @throws IllegalArgumentException when the list has more than {@link #MAX_BULK_TRANSITIONS} elements
     *         (split it: each call is one lock-and-write round), or an element, its run id or its state is
     *         invalid as for {@link #setFlowRunState}; nothing is written then
     * @throws io.stratum.api.StratumException when the session has no active transaction
     */
    List<TransitionOutcome> setFlowRunStates(EntityManager session, List<ProposedState<FlowRunState>> transitions);

    /** Applies one proposed state per task run; as {@link #setFlowRunStates}. */
    List<TransitionOutcome> setTaskRunStates(EntityManager session, List<ProposedState<TaskRunState>> transitions);
}
