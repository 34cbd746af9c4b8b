package io.stratum.api.internal;

import io.stratum.api.Migrations;
import io.stratum.api.Revision;
import io.stratum.api.RevisionStatus;
import io.stratum.api.SchemaStatus;
import io.stratum.api.spi.MigrationEngine;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** {@link Migrations} of one database: the engine bound to its target. */
final class BoundMigrations implements Migrations {
    private final MigrationEngine engine;
    private final MigrationEngine.Target target;

    BoundMigrations(MigrationEngine engine, MigrationEngine.Target target) {
        this.engine = engine;
        this.target = target;
    }

    @Override
    public List<Revision> revisions() {
        return engine.revisions(target.dialect());
    }

    @Override
    public Revision newest() {
        List<Revision> all = revisions();
        return all.get(all.size() - 1);
    }

    @Override
    public Optional<String> current() {
        return engine.current(target);
    }

    @Override
    public List<RevisionStatus> history() {
        return engine.history(target);
    }

    @Override
    public SchemaStatus status() {
        Optional<String> current = current();
        String newest = newest().id();
        List<Revision> known = revisions();
        SchemaStatus.State state;
        if (current.isEmpty()) {
            state = SchemaStatus.State.BEHIND;
        } else if (current.get().equals(newest)) {
            state = SchemaStatus.State.UP_TO_DATE;
        } else if (known.stream().anyMatch(r -> r.id().equals(current.get()))) {
            state = SchemaStatus.State.BEHIND;
        } else {
            state = SchemaStatus.State.AHEAD;
        }
        return new SchemaStatus(current, newest, state);
    }

    @Override
    public List<Revision> upgrade(String revision) {
        return engine.upgrade(target, revision);
    }

    @Override
    public List<Revision> downgrade(String revision) {
        return engine.downgrade(target, revision);
    }

    @Override
    public void stamp(String revision) {
        engine.stamp(target, revision);
    }

    @Override
    public void printUpgrade(String revision, PrintStream out) {
        engine.printUpgrade(target, revision, out);
    }

    @Override
    public void printDowngrade(String revision, PrintStream out) {
        engine.printDowngrade(target, revision, out);
    }
}
