package io.stratum.api.internal;

import io.stratum.api.DatabaseNotFoundException;
import io.stratum.api.MigrationListener;
import io.stratum.api.Migrations;
import io.stratum.api.Revision;
import io.stratum.api.RevisionStatus;
import io.stratum.api.SchemaStatus;
import io.stratum.api.StampPlan;
import io.stratum.api.spi.MigrationEngine;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link Migrations} of one database: the engine bound to its migration connections. Every operation
 * opens its own {@link MigrationConnections.Lease} and closes it when done.
 */
final class BoundMigrations implements Migrations {
    private final MigrationEngine engine;
    private final MigrationConnections connections;
    private final OperationListeners listeners;

    BoundMigrations(MigrationEngine engine, MigrationConnections connections, OperationListeners listeners) {
        this.engine = engine;
        this.connections = connections;
        this.listeners = listeners;
    }

    private <T> T run(Function<MigrationEngine.Target, T> operation) {
        return run(null, operation);
    }

    /** {@code writeAction}: what the operation changes, refused at once on a server that takes no writes; null: reads only. */
    private <T> T run(String writeAction, Function<MigrationEngine.Target, T> operation) {
        try (MigrationConnections.Lease lease = connections.open(writeAction)) {
            return operation.apply(lease.target());
        } catch (RuntimeException e) {
            // A damaged file surfaces wrapped in whatever the engine made of it: say what it is.
            throw connections.damaged(e);
        }
    }

    /**
     * An operation that only looks (a plan, the SQL of a dry run): it never creates the database. With
     * {@code missingIsBase} a database that does not exist yet is at base for it (the engine gets a target
     * without connections); otherwise its absence is a {@link DatabaseNotFoundException}.
     */
    private <T> T inspect(boolean missingIsBase, Function<MigrationEngine.Target, T> operation) {
        MigrationConnections.Lease lease;
        try {
            lease = connections.inspect();
        } catch (DatabaseNotFoundException notCreatedYet) {
            if (!missingIsBase) {
                throw notCreatedYet;
            }
            return operation.apply(connections.notCreatedYet());
        }
        try (lease) {
            return operation.apply(lease.target());
        } catch (RuntimeException e) {
            throw connections.damaged(e);
        }
    }

    @Override
    public List<Revision> revisions() {
        return engine.revisions(connections.dialect());
    }

    @Override
    public Revision newest() {
        List<Revision> all = revisions();
        return all.get(all.size() - 1);
    }

    @Override
    public Optional<String> current() {
        return run(engine::current);
    }

    @Override
    public List<RevisionStatus> history() {
        return run(engine::history);
    }

    @Override
    public SchemaStatus status() {
        return status(history(), revisions());
    }

    /**
     * Where the database stands: AHEAD when it has an applied revision this build does not know that is
     * newer than every known one, UNKNOWN_REVISION when an unknown one is older, BEHIND when known
     * revisions are pending, else UP_TO_DATE.
     */
    static SchemaStatus status(List<RevisionStatus> history, List<Revision> known) {
        String newest = known.get(known.size() - 1).id();
        java.util.Set<String> knownIds = new java.util.HashSet<>();
        known.forEach(r -> knownIds.add(r.id()));
        Optional<String> current = Optional.empty();
        boolean unknownNewer = false;
        boolean unknownOlder = false;
        boolean pending = false;
        for (RevisionStatus status : history) {
            String id = status.revision().id();
            if (!status.applied()) {
                pending |= knownIds.contains(id);
                continue;
            }
            if (current.isEmpty() || isNewer(id, current.get())) {
                current = Optional.of(id);
            }
            if (!knownIds.contains(id)) {
                if (isNewer(id, newest)) {
                    unknownNewer = true;
                } else {
                    unknownOlder = true;
                }
            }
        }
        SchemaStatus.State state = unknownNewer ? SchemaStatus.State.AHEAD
                : unknownOlder ? SchemaStatus.State.UNKNOWN_REVISION
                : pending || current.isEmpty() ? SchemaStatus.State.BEHIND
                : SchemaStatus.State.UP_TO_DATE;
        return new SchemaStatus(current, newest, state);
    }

    /** Revision ids are dot-separated numbers; anything else counts as newer (it is not one of ours). */
    private static boolean isNewer(String id, String than) {
        if (!id.matches("\\d+(\\.\\d+)*") || !than.matches("\\d+(\\.\\d+)*")) {
            return true;
        }
        String[] a = id.split("\\.");
        String[] b = than.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? Long.parseLong(a[i]) : 0;
            long y = i < b.length ? Long.parseLong(b[i]) : 0;
            if (x != y) {
                return x > y;
            }
        }
        return false;
    }

    @Override
    public List<Revision> upgrade(String revision, MigrationListener listener) {
        return run("upgrade the schema", target -> engine.upgrade(target, revision, listeners.around(listener, this::revisions)));
    }

    @Override
    public List<Revision> downgrade(String revision, MigrationListener listener) {
        return run("downgrade the schema", target -> engine.downgrade(target, revision, listeners.around(listener, this::revisions)));
    }

    @Override
    public StampPlan stamp(String revision, boolean force, MigrationListener listener) {
        return run("stamp the schema revision", target -> engine.stamp(target, revision, force, listener));
    }

    /** Adoption: the changes, then the stamp of {@code revision}, under the migration lock (see MigrationEngine). */
    StampPlan stampWithChanges(String revision, MigrationEngine.SqlChanges beforeTransaction,
                               MigrationEngine.SqlChanges inTransaction) {
        return run("adopt the database", target -> engine.stampWithChanges(target, revision, beforeTransaction, inTransaction,
                MigrationListener.NONE));
    }

    @Override
    public StampPlan planStamp(String revision) {
        return inspect(true, target -> engine.planStamp(target, revision));
    }

    @Override
    public void printUpgrade(String revision, PrintStream out) {
        inspect(true, target -> {
            engine.printUpgrade(target, revision, out);
            return null;
        });
    }

    @Override
    public void printDowngrade(String revision, PrintStream out) {
        inspect(false, target -> {
            engine.printDowngrade(target, revision, out);
            return null;
        });
    }

    @Override
    public Migrations withEngine(MigrationEngine other) {
        return new BoundMigrations(other, connections, listeners);
    }
}
