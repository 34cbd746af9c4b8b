package io.stratum.queries.internal;

import io.stratum.api.StratumException;
import io.stratum.api.model.WorkPool;
import io.stratum.api.query.NewWorkPool;
import io.stratum.orm.model.WorkPoolEntity;
import io.stratum.orm.model.WorkQueueEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.LinkedHashMap;

/** Creates a work pool with its {@code default} queue, as the reference's model does. */
final class WorkPools {
    static final String DEFAULT_QUEUE = "default";
    static final String DEFAULT_QUEUE_DESCRIPTION = "The work pool's default queue.";

    private WorkPools() {
    }

    static WorkPool create(EntityManager session, NewWorkPool spec) {
        if (!session.getTransaction().isActive()) {
            throw new StratumException("Creating work pool '" + spec.name() + "' needs a session with an active "
                    + "transaction: run it inside db.inTransaction(...).");
        }
        Long existing = session.createQuery("SELECT COUNT(p) FROM WorkPool p WHERE p.name = :name", Long.class)
                .setParameter("name", spec.name()).getSingleResult();
        if (existing > 0) {
            throw duplicate(spec);
        }
        WorkPoolEntity pool = new WorkPoolEntity();
        pool.setName(spec.name());
        pool.setType(spec.type());
        pool.setDescription(spec.description());
        pool.setBaseJobTemplate(new LinkedHashMap<>(spec.baseJobTemplate()));
        pool.setPaused(spec.paused());
        pool.setConcurrencyLimit(spec.concurrencyLimit());
        WorkQueueEntity queue = new WorkQueueEntity();
        queue.setName(DEFAULT_QUEUE);
        queue.setDescription(DEFAULT_QUEUE_DESCRIPTION);
        queue.setPriority(1);
        queue.setWorkPoolId(pool.getId());
        // default_queue_id is checked at commit, so the pool may point at its queue in the same flush.
        pool.setDefaultQueueId(queue.getId());
        session.persist(pool);
        session.persist(queue);
        try {
            session.flush();
        } catch (PersistenceException e) {
            // Most likely a concurrent creator won the unique name between the check and the flush. The pool
            // may be written without its queue (SQLite goes on after a failed statement): commit neither.
            session.getTransaction().setRollbackOnly();
            throw new StratumException("Creating work pool '" + spec.name() + "' failed: " + e.getMessage()
                    + ". If another pool of that name was created meanwhile, choose another name; the transaction "
                    + "must be rolled back.", e);
        }
        return pool;
    }

    private static StratumException duplicate(NewWorkPool spec) {
        return new StratumException("A work pool named '" + spec.name() + "' exists already; nothing was written. "
                + "Choose another name, or read the existing pool.");
    }
}
