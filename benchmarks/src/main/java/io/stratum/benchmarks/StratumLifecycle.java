package io.stratum.benchmarks;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.model.StateType;
import io.stratum.api.model.FlowRunState;
import io.stratum.api.query.ProposedState;
import io.stratum.api.query.StateTransitions;
import io.stratum.api.query.TransitionOutcome;
import io.stratum.api.query.WorkerPollRequest;
import io.stratum.api.query.WorkerPolling;
import io.stratum.orm.model.FlowRunStateEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Stratum's ways through the run lifecycle, each only through the public API. */
final class StratumLifecycle {
    private StratumLifecycle() {
    }

    /**
     * One run at a time: a claim of 100 ({@code polling().claim} in {@code inTransactionForUpdate}), then one
     * {@code transitions().setFlowRunState(runId, state)} per run per step, each a transaction of its own
     * (on PostgreSQL one statement in autocommit).
     */
    static final class SingleTransitions implements LifecycleBenchmark.Contestant {
        private final DatabaseInterface db;
        private final WorkerPolling polling;
        private final StateTransitions transitions;
        private final WorkerPollRequest request = WorkerPollRequest.builder().limit(LifecycleBenchmark.BATCH).build();

        SingleTransitions(BenchDatabase database) {
            this.db = database.db();
            this.polling = db.queries().polling();
            this.transitions = db.queries().transitions();
        }

        @Override
        public String name() {
            return "Stratum, single transitions";
        }

        @Override
        public String floor() {
            return LifecycleBenchmark.PER_TRANSITION_FLOOR;
        }

        @Override
        public List<UUID> claim() {
            return db.inTransactionForUpdate(session -> polling.claim(session, request)).stream()
                    .map(run -> run.flowRun().getId()).toList();
        }

        @Override
        public void start(List<UUID> runs) {
            move(runs, StateType.RUNNING);
        }

        @Override
        public void finish(List<UUID> runs) {
            move(runs, StateType.COMPLETED);
        }

        private void move(List<UUID> runs, StateType type) {
            for (UUID run : runs) {
                FlowRunStateEntity state = new FlowRunStateEntity(type, TransitionBenchmark.name(type));
                state.setTimestamp(Instant.now());
                transitions.setFlowRunState(run, state);
            }
        }
    }

    /**
     * The server's hot path: a claim of 100 as above, then the whole batch started in one
     * {@code transitions().setFlowRunStates} call, then finished in another, each its own transaction.
     */
    static final class BulkTransitions implements LifecycleBenchmark.Contestant {
        private final SingleTransitions claims;
        private final DatabaseInterface db;
        private final StateTransitions transitions;

        BulkTransitions(BenchDatabase database) {
            this.claims = new SingleTransitions(database);
            this.db = database.db();
            this.transitions = db.queries().transitions();
        }

        @Override
        public String name() {
            return "Stratum, bulk transitions";
        }

        @Override
        public String floor() {
            return LifecycleBenchmark.THREE_STEP_FLOOR;
        }

        @Override
        public List<UUID> claim() {
            return claims.claim();
        }

        @Override
        public void start(List<UUID> runs) {
            move(runs, StateType.RUNNING);
        }

        @Override
        public void finish(List<UUID> runs) {
            move(runs, StateType.COMPLETED);
        }

        private void move(List<UUID> runs, StateType type) {
            Instant now = Instant.now();
            List<ProposedState<FlowRunState>> proposed = new ArrayList<>(runs.size());
            for (UUID run : runs) {
                FlowRunStateEntity state = new FlowRunStateEntity(type, TransitionBenchmark.name(type));
                state.setTimestamp(now);
                proposed.add(new ProposedState<>(run, state));
            }
            List<TransitionOutcome> outcomes = db.inTransactionForUpdate(session ->
                    transitions.setFlowRunStates(session, proposed));
            for (TransitionOutcome outcome : outcomes) {
                if (!(outcome instanceof TransitionOutcome.Applied)) {
                    throw new IllegalStateException("A claimed run was not moved to " + type + ": " + outcome);
                }
            }
        }
    }
}
