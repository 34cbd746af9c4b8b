package io.stratum.queries.internal;

import io.stratum.api.StratumException;
import io.stratum.api.model.WorkQueue;
import io.stratum.api.query.NewWorkQueue;
import io.stratum.orm.model.WorkQueueEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;

/** Creates a work queue in a pool with the reference's priorities (its model's {@code create_work_queue}). */
final class WorkQueues {
    private WorkQueues() {
    }

    static WorkQueue create(EntityManager session, DialectSql dialect, NewWorkQueue spec) {
        TransactionSql sql = TransactionSql.of(session, dialect, "creating work queue '" + spec.name() + "'");
        // The pool row is locked so that concurrent creates in one pool number their queues in turn.
        if (sql.queryOne("SELECT id FROM work_pool WHERE id = ?" + dialect.locks().forUpdate(), row -> row.getString(1),
                spec.workPoolId()).isEmpty()) {
            throw new StratumException("No work pool has id " + spec.workPoolId() + ": work queue '" + spec.name()
                    + "' was not created. Create the pool first (WorkerPolling.createWorkPool).");
        }
        List<WorkQueueEntity> queues = session.createQuery(
                        "SELECT q FROM WorkQueue q WHERE q.workPoolId = :pool ORDER BY q.priority, q.created, q.id",
                        WorkQueueEntity.class)
                .setParameter("pool", spec.workPoolId()).getResultList();
        if (queues.stream().anyMatch(queue -> queue.getName().equals(spec.name()))) {
            throw new StratumException("Work pool " + spec.workPoolId() + " has a queue named '" + spec.name()
                    + "' already; nothing was written. Choose another name, or read the existing queue.");
        }
        WorkQueueEntity queue = new WorkQueueEntity();
        queue.setName(spec.name());
        queue.setDescription(spec.description());
        queue.setConcurrencyLimit(spec.concurrencyLimit());
        queue.setPaused(spec.paused());
        queue.setWorkPoolId(spec.workPoolId());
        if (spec.priority() == null) {
            queue.setPriority(queues.stream().mapToInt(WorkQueueEntity::getPriority).max().orElse(0) + 1);
        } else {
            queue.setPriority(spec.priority());
            renumber(queues, queue);
        }
        session.persist(queue);
        try {
            session.flush();
        } catch (PersistenceException e) {
            session.getTransaction().setRollbackOnly();
            throw new StratumException("Creating work queue '" + spec.name() + "' failed: " + e.getMessage()
                    + ". The transaction must be rolled back.", e);
        }
        return queue;
    }

    /**
     * The reference's {@code bulk_update_work_queue_priorities} for one new queue: it goes before the first
     * queue whose priority is at least its own, then every queue whose priority is not above its
     * predecessor's moves to the predecessor's + 1, so the order is kept with the fewest changes.
     */
    private static void renumber(List<WorkQueueEntity> existing, WorkQueueEntity added) {
        List<WorkQueueEntity> ordered = new ArrayList<>(existing);
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).getPriority() >= added.getPriority()) {
                ordered.add(i, added);
                break;
            }
        }
        int last = 0;
        for (WorkQueueEntity queue : ordered) {
            if (queue.getPriority() <= last) {
                last++;
                queue.setPriority(last);
            } else {
                last = queue.getPriority();
            }
        }
    }
}
