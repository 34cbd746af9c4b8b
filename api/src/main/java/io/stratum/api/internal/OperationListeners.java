package io.stratum.api.internal;

import io.stratum.api.MigrationListener;
import io.stratum.api.Operation;
import io.stratum.api.OperationListener;
import io.stratum.api.Revision;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The {@link OperationListener}s of one database interface. Registration is rare and reads are on every
 * operation, hence a copy-on-write list; {@link #none()} lets callers skip the clock when nobody listens.
 */
final class OperationListeners {
    private static final Logger LOG = System.getLogger(OperationListeners.class.getName());
    private final List<OperationListener> listeners = new CopyOnWriteArrayList<>();

    void add(OperationListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("addOperationListener(null): pass the listener to call after each "
                    + "operation, for example io.stratum.micrometer.StratumMetrics");
        }
        listeners.add(listener);
    }

    void remove(OperationListener listener) {
        listeners.remove(listener);
    }

    void clear() {
        listeners.clear();
    }

    boolean none() {
        return listeners.isEmpty();
    }

    /** Runs {@code work}, then tells every listener how long it took and whether it threw. */
    <T> T time(Operation operation, Supplier<T> work) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            T result = work.get();
            failed = false;
            return result;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            for (OperationListener listener : listeners) {
                try {
                    listener.operation(operation, took, failed);
                } catch (RuntimeException e) {
                    dropped(listener, e);
                }
            }
        }
    }

    /**
     * {@code listener}, also reporting every applied or reverted revision to the operation listeners;
     * {@code listener} itself when nobody listens. {@code known} are the revisions this build knows, oldest
     * first: a reverted revision leaves the database at the known one before it.
     */
    MigrationListener around(MigrationListener listener, Supplier<List<Revision>> known) {
        if (none()) {
            return listener;
        }
        return new MigrationListener() {
            @Override
            public void waitingForLock(String holder, Duration waited, Duration timeout) {
                listener.waitingForLock(holder, waited, timeout);
            }

            @Override
            public void planned(Optional<String> current, List<Revision> revisions, Optional<String> waitedFor) {
                listener.planned(current, revisions, waitedFor);
            }

            @Override
            public void applied(Revision revision, Duration took, int index, int count) {
                listener.applied(revision, took, index, count);
                migrated(revision, false, took, Optional.of(revision.id()));
            }

            @Override
            public void reverted(Revision revision, Duration took, int index, int count) {
                listener.reverted(revision, took, index, count);
                migrated(revision, true, took, previous(known.get(), revision));
            }
        };
    }

    private void migrated(Revision revision, boolean reverted, Duration took, Optional<String> current) {
        for (OperationListener listener : listeners) {
            try {
                listener.migrated(revision, reverted, took, current);
            } catch (RuntimeException e) {
                dropped(listener, e);
            }
        }
    }

    private static Optional<String> previous(List<Revision> known, Revision reverted) {
        Optional<String> before = Optional.empty();
        for (Revision revision : known) {
            if (revision.id().equals(reverted.id())) {
                return before;
            }
            before = Optional.of(revision.id());
        }
        return before;
    }

    private static void dropped(OperationListener listener, RuntimeException e) {
        LOG.log(Level.WARNING, "Operation listener " + listener.getClass().getName() + " threw; ignored", e);
    }
}
