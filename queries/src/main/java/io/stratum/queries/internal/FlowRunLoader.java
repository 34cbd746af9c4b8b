package io.stratum.queries.internal;

import io.stratum.api.Dialect;
import io.stratum.api.StratumException;
import io.stratum.orm.model.FlowRunEntity;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Loads the flow runs a native query selected, as managed entities, a slice of ids per statement. */
final class FlowRunLoader {
    private FlowRunLoader() {
    }

    static Map<UUID, FlowRunEntity> byId(EntityManager session, Dialect dialect, List<UUID> ids) {
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        Map<UUID, FlowRunEntity> runs = new HashMap<>(distinct.size() * 2);
        for (List<UUID> slice : Batches.slices(distinct, dialect.maxQueryParameters())) {
            List<FlowRunEntity> loaded = session
                    .createQuery("SELECT r FROM FlowRun r WHERE r.id IN :ids", FlowRunEntity.class)
                    .setParameter("ids", slice)
                    // The session may hold these runs from before the native SQL changed them.
                    .setHint("eclipselink.refresh", "true")
                    .getResultList();
            loaded.forEach(run -> runs.put(run.getId(), run));
        }
        if (runs.size() != distinct.size()) {
            throw new StratumException("Flow runs vanished while being polled: " + (distinct.size() - runs.size())
                    + " of " + distinct.size() + " selected runs could not be read back. Poll again.");
        }
        return runs;
    }
}
