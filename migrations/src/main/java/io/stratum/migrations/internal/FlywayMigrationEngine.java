package io.stratum.migrations.internal;

import io.stratum.api.Dialect;
import io.stratum.api.MigrationException;
import io.stratum.api.MigrationListener;
import io.stratum.api.Revision;
import io.stratum.api.RevisionStatus;
import io.stratum.api.SchemaVersionException;
import io.stratum.api.StampPlan;
import io.stratum.api.spi.MigrationEngine;
import io.stratum.api.spi.MigrationLock;
import io.stratum.migrations.Bookkeeping;
import io.stratum.migrations.RevisionScripts;
import io.stratum.migrations.internal.logging.FlywaySystemLog;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.extensibility.ConfigurationExtension;

/**
 * Upgrades through Flyway; downgrades, stamps and reports through the same history table, running
 * the down scripts itself.
 *
 * <ul>
 *   <li>One transaction per revision: Flyway runs each up script and writes its history row in one
 *       transaction on one connection (on PostgreSQL Flyway's transactional lock is switched off for
 *       that: with it, Flyway records history on a second connection, committed separately). A down
 *       script and the deletion of its history row are one transaction too. A failing revision leaves
 *       the database exactly at the previous one.</li>
 *   <li>Upgrade, downgrade and stamp hold the dialect's {@link MigrationLock} (in the database) for the
 *       whole operation, waiting at most {@code lock_timeout} for it, read the history only once they
 *       hold it, and check it again in every revision's transaction. Progress goes to the caller's
 *       {@link MigrationListener}: only what this call applied.</li>
 *   <li>A database with revisions this build does not know is refused ({@link SchemaVersionException}).</li>
 * </ul>
 */
public final class FlywayMigrationEngine implements MigrationEngine {
    private static final Logger LOG = System.getLogger(FlywayMigrationEngine.class.getName());

    /** The migration history table (Flyway's format). */
    public static final String HISTORY_TABLE = Bookkeeping.HISTORY_TABLE;

    private final RevisionScripts scripts;

    /** The service: the revisions bundled in this module. */
    public FlywayMigrationEngine() {
        this(null);
    }

    /** An engine running the given revisions ({@code null}: the bundled ones, read when first needed). */
    public FlywayMigrationEngine(RevisionScripts scripts) {
        this.scripts = scripts;
    }

    private ScriptCatalog catalog(Dialect dialect) {
        return ScriptCatalog.of(scripts != null ? scripts : RevisionScripts.bundled(), dialect);
    }

    @Override
    public List<Revision> revisions(Dialect dialect) {
        return catalog(dialect).revisions();
    }

    @Override
    public Optional<String> current(Target target) {
        return HistoryTable.newestOf(applied(target).keySet());
    }

    @Override
    public List<RevisionStatus> history(Target target) {
        Map<String, Instant> applied = applied(target);
        List<RevisionStatus> statuses = new ArrayList<>();
        ScriptCatalog catalog = catalog(target.dialect());
        for (ScriptCatalog.Script script : catalog.scripts()) {
            String id = script.id();
            statuses.add(new RevisionStatus(script.revision(), applied.containsKey(id), applied.get(id)));
        }
        applied.keySet().stream().filter(id -> !catalog.knows(id)).sorted(Versions.ORDER).forEach(id ->
                statuses.add(new RevisionStatus(new Revision(id, "unknown to this build"), true, applied.get(id))));
        return statuses;
    }

    @Override
    public List<Revision> upgrade(Target target, String revision, MigrationListener listener) {
        ScriptCatalog catalog = catalog(target.dialect());
        String targetId = catalog.resolveUpgradeTarget(revision);
        // Fast path without the lock: a database already at the target only needs a read.
        Map<String, Instant> applied = applied(target);
        refuseIfAhead(catalog, applied);
        if (pending(catalog, applied, targetId).isEmpty()) {
            refuseIfPastTarget(applied, targetId);
            listener.planned(HistoryTable.newestOf(applied.keySet()), List.of(), Optional.empty());
            return List.of();
        }
        try (MigrationLock.Acquired lock = acquire(target, listener)) {
            applied = applied(target);
            refuseIfAhead(catalog, applied);
            refuseIfPastTarget(applied, targetId);
            List<ScriptCatalog.Script> pending = pending(catalog, applied, targetId);
            if (pending.isEmpty()) {
                // Another process applied them while this one waited.
                listener.planned(HistoryTable.newestOf(applied.keySet()), List.of(), lock.waitedFor());
                return List.of();
            }
            List<Revision> plan = pending.stream().map(ScriptCatalog.Script::revision).collect(Collectors.toList());
            listener.planned(HistoryTable.newestOf(applied.keySet()), plan, lock.waitedFor());
            ensureHistoryTable(target, catalog);
            LockCallback callback = new LockCallback(lock.lock(), listener, plan);
            MigrateResult result;
            try {
                result = flyway(target, catalog, targetId, callback).migrate();
            } catch (RuntimeException e) {
                throw upgradeFailure(target, catalog, targetId, callback, e);
            }
            callback.finish();
            List<Revision> done = new ArrayList<>();
            result.migrations.forEach(m -> done.add(catalog.find(m.version).map(ScriptCatalog.Script::revision)
                    .orElse(new Revision(m.version, m.description))));
            return done;
        }
    }

    /**
     * Takes the target's migration lock, waiting at most {@code lock_timeout}. Until it is released, a
     * shutdown hook releases it when the JVM ends on SIGINT or SIGTERM (Ctrl-C, a stopped container), so
     * the next migration need not find out that this process is gone; a revision still running then
     * fails its lock check and is rolled back.
     */
    private static MigrationLock.Acquired acquire(Target target, MigrationListener listener) {
        // Logged as well, so an application passing no listener (open with migrate_on_start) still shows the wait.
        MigrationListener logged = new MigrationListener() {
            @Override
            public void waitingForLock(String holder, Duration waited, Duration timeout) {
                LOG.log(Level.INFO, () -> "Waiting " + waited.toSeconds() + " s (lock_timeout " + timeout.toSeconds()
                        + " s) for the migration lock held by " + holder + ".");
                listener.waitingForLock(holder, waited, timeout);
            }
        };
        // The hook is registered before the lock is taken: a signal between the lock's commit and the
        // registration would otherwise leave the lock behind.
        ReleaseOnExit held = new ReleaseOnExit();
        MigrationLock.Acquired acquired;
        try {
            acquired = target.migrationLock().acquire(target.settings().lockTimeout(), logged);
        } catch (RuntimeException | Error e) {
            held.abandon();
            throw e;
        }
        LOG.log(Level.DEBUG, () -> "Took the migration lock as " + acquired.lock().owner());
        held.holding(acquired.lock());
        return new MigrationLock.Acquired(held, acquired.waitedFor());
    }

    /** A held lock released once: by its owner, or by a shutdown hook if the JVM ends first. */
    private static final class ReleaseOnExit implements MigrationLock.Held {
        /**
         * How long the hook waits for the lock to be taken and released (a revision's transaction may keep
         * SQLite busy). A lock left behind all the same is taken over by the next migration on this host,
         * which sees that this process is gone.
         */
        private static final long HOOK_WAIT_MILLIS = 5_000;

        private final java.util.concurrent.CompletableFuture<MigrationLock.Held> lock = new java.util.concurrent.CompletableFuture<>();
        private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        private final Thread hook;

        ReleaseOnExit() {
            this.hook = new Thread(() -> {
                Thread release = new Thread(this::release, "stratum-migration-lock-release");
                release.setDaemon(true);
                release.start();
                try {
                    release.join(HOOK_WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stratum-migration-lock-shutdown");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already ending; the lock is released by close() or dies with the process.
            }
        }

        void holding(MigrationLock.Held acquired) {
            lock.complete(acquired);
        }

        /** The lock was not taken: nothing to release. */
        void abandon() {
            lock.complete(null);
            removeHook();
        }

        private void release() {
            MigrationLock.Held held;
            try {
                held = lock.get(HOOK_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (held != null && released.compareAndSet(false, true)) {
                held.close();
            }
        }

        private MigrationLock.Held held() {
            return lock.getNow(null);
        }

        @Override
        public void verify(Connection transaction) throws SQLException {
            held().verify(transaction);
        }

        @Override
        public String owner() {
            return held().owner();
        }

        @Override
        public void close() {
            removeHook();
            release();
        }

        private void removeHook() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs (or ran) instead.
            }
        }
    }

    private MigrationException upgradeFailure(Target target, ScriptCatalog catalog, String targetId, LockCallback callback,
            RuntimeException e) {
        String now;
        try {
            now = current(target).orElse("base");
        } catch (RuntimeException unreadable) {
            e.addSuppressed(unreadable);
            now = "unknown (the history could not be read)";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MigrationException) {
                return new MigrationException(t.getMessage(), e);
            }
        }
        MigrationInfo failed = callback.running();
        if (failed != null && failed.getVersion() != null) {
            String id = failed.getVersion().getVersion();
            String name = catalog.find(id).map(s -> s.revision().toString()).orElse(id);
            return new MigrationException("Revision " + name + " failed: " + rootMessage(e) + ". It was rolled back; the "
                    + "database stays at revision " + now + ".", e);
        }
        return new MigrationException("Upgrade to revision " + targetId + " failed: " + rootMessage(e)
                + ". The database stays at revision " + now + ".", e);
    }

    @Override
    public List<Revision> downgrade(Target target, String revision, MigrationListener listener) {
        ScriptCatalog catalog = catalog(target.dialect());
        String argument = parseDowngradeArgument(catalog, revision);
        try (MigrationLock.Acquired lock = acquire(target, listener)) {
            Map<String, Instant> applied = applied(target);
            List<ScriptCatalog.Script> plan = revertPlan(catalog, applied, argument);
            List<String> downs = new ArrayList<>();
            for (ScriptCatalog.Script script : plan) {
                downs.add(catalog.down(script));
            }
            listener.planned(HistoryTable.newestOf(applied.keySet()),
                    plan.stream().map(ScriptCatalog.Script::revision).collect(Collectors.toList()), lock.waitedFor());
            List<Revision> reverted = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                ScriptCatalog.Script script = plan.get(i);
                String previous = i + 1 < plan.size() ? plan.get(i + 1).id() : previousApplied(catalog, script);
                long started = System.nanoTime();
                revert(target, lock.lock(), script, downs.get(i), previous, reverted);
                reverted.add(script.revision());
                listener.reverted(script.revision(), Duration.ofNanos(System.nanoTime() - started), i + 1, plan.size());
            }
            return reverted;
        }
    }

    private void revert(Target target, MigrationLock.Held lock, ScriptCatalog.Script script, String down, String previous,
            List<Revision> reverted) {
        List<String> statements = SqlStatements.split(down);
        withConnection(target, connection -> {
            connection.setAutoCommit(false);
            int index = 0;
            try (Statement statement = connection.createStatement()) {
                lock.verify(connection);
                for (String sql : statements) {
                    index++;
                    statement.execute(sql);
                }
                HistoryTable.delete(connection, script.id());
                connection.commit();
                LOG.log(Level.INFO, () -> "Reverted revision " + script.revision() + "; the database is at revision " + previous + ".");
                return null;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                if (e instanceof MigrationException) {
                    throw (MigrationException) e;
                }
                String where = index > 0 && index <= statements.size()
                        ? " at statement " + index + " of " + statements.size() + " (" + abbreviate(statements.get(index - 1)) + ")"
                        : "";
                throw new MigrationException("Downgrade of revision " + script.revision() + " failed" + where + ": "
                        + rootMessage(e) + ". It was rolled back; the database stays at revision " + script.id() + "."
                        + (reverted.isEmpty() ? "" : " Reverted before it: " + reverted.stream().map(Revision::id)
                                .collect(Collectors.joining(", ")) + "."), e);
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    @Override
    public StampPlan planStamp(Target target, String revision) {
        ScriptCatalog catalog = catalog(target.dialect());
        return planStamp(catalog, stampTarget(catalog, revision), target.exists() ? applied(target) : Map.of());
    }

    @Override
    public StampPlan stamp(Target target, String revision, boolean force, MigrationListener listener) {
        return stamp(target, revision, force, null, null, listener);
    }

    @Override
    public StampPlan stampWithChanges(Target target, String revision, MigrationEngine.SqlChanges beforeTransaction,
                                      MigrationEngine.SqlChanges inTransaction, MigrationListener listener) {
        return stamp(target, revision, false, beforeTransaction, inTransaction, listener);
    }

    private StampPlan stamp(Target target, String revision, boolean force, MigrationEngine.SqlChanges beforeTransaction,
                            MigrationEngine.SqlChanges changes, MigrationListener listener) {
        ScriptCatalog catalog = catalog(target.dialect());
        String id = stampTarget(catalog, revision);
        try (MigrationLock.Acquired lock = acquire(target, listener)) {
            StampPlan plan = planStamp(catalog, id, applied(target));
            if (changes != null && plan.from().isPresent()) {
                throw new SchemaVersionException("The database already has Stratum revisions (at "
                        + plan.from().get() + "); only a database Stratum has never migrated can be adopted. "
                        + "Nothing was changed.");
            }
            if (!plan.unknown().isEmpty() && !force) {
                throw new SchemaVersionException("Stamping revision " + (id == null ? "base" : id) + " would remove "
                        + "revisions this build of Stratum does not know from " + HISTORY_TABLE + ": "
                        + String.join(", ", plan.unknown()) + " (applied by another, probably newer, build; this build "
                        + "knows " + String.join(", ", catalog.ids()) + "). Nothing was changed. Use the build that knows "
                        + "them, or force the stamp ('stratum database stamp --force') to remove them anyway.");
            }
            listener.planned(plan.from(), plan.record(), lock.waitedFor());
            if (plan.changesNothing() && changes == null) {
                return plan;
            }
            ensureHistoryTable(target, catalog);
            MigrationInfo[] resolved = flyway(target, catalog, null, null).info().all();
            withConnection(target, connection -> {
                if (beforeTransaction != null) {
                    lock.lock().verify(connection);
                    beforeTransaction.run(connection);
                }
                connection.setAutoCommit(false);
                try {
                    lock.lock().verify(connection);
                    if (changes != null) {
                        changes.run(connection);
                    }
                    HistoryTable.stamp(connection, catalog.scripts(), resolved, id);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
                return null;
            });
            LOG.log(Level.INFO, () -> "Stamped the database at revision " + (id == null ? "base" : id) + "; no script was run.");
            return plan;
        }
    }

    /** The revision id a stamp argument names; {@code null} for base. */
    private static String stampTarget(ScriptCatalog catalog, String revision) {
        String argument = revision == null ? "" : revision.trim();
        return argument.equals("base") ? null
                : argument.equals("head") ? catalog.newestId() : catalog.resolveKnown(argument, "stamp");
    }

    private static StampPlan planStamp(ScriptCatalog catalog, String id, Map<String, Instant> applied) {
        List<Revision> record = new ArrayList<>();
        List<Revision> remove = new ArrayList<>();
        for (ScriptCatalog.Script script : catalog.scripts()) {
            boolean wanted = id != null && Versions.compare(script.id(), id) <= 0;
            if (wanted && !applied.containsKey(script.id())) {
                record.add(script.revision());
            } else if (!wanted && applied.containsKey(script.id())) {
                remove.add(script.revision());
            }
        }
        List<String> unknown = applied.keySet().stream().filter(v -> !catalog.knows(v)).sorted(Versions.ORDER)
                .collect(Collectors.toList());
        unknown.forEach(v -> remove.add(new Revision(v, "unknown to this build")));
        return new StampPlan(HistoryTable.newestOf(applied.keySet()), Optional.ofNullable(id), record, remove, unknown);
    }

    @Override
    public void printUpgrade(Target target, String revision, PrintStream out) {
        ScriptCatalog catalog = catalog(target.dialect());
        String targetId = catalog.resolveUpgradeTarget(revision);
        Map<String, Instant> applied = target.exists() ? applied(target) : Map.of();
        refuseIfAhead(catalog, applied);
        refuseIfPastTarget(applied, targetId);
        for (ScriptCatalog.Script script : pending(catalog, applied, targetId)) {
            out.println("-- Upgrade to revision " + script.revision() + " (" + script.fileName() + "), in one transaction");
            out.println(catalog.up(script).trim());
            out.println("-- and record revision " + script.id() + " in " + HISTORY_TABLE);
            out.println();
        }
    }

    @Override
    public void printDowngrade(Target target, String revision, PrintStream out) {
        ScriptCatalog catalog = catalog(target.dialect());
        String argument = parseDowngradeArgument(catalog, revision);
        for (ScriptCatalog.Script script : revertPlan(catalog, applied(target), argument)) {
            out.println("-- Downgrade from revision " + script.revision() + " (" + script.fileName() + "), in one transaction");
            out.println(catalog.down(script).trim());
            out.println("DELETE FROM " + HISTORY_TABLE + " WHERE version = '" + script.id() + "';");
            out.println();
        }
    }

    private Map<String, Instant> applied(Target target) {
        return withConnection(target, HistoryTable::applied);
    }

    /** Known revisions up to the target that are not applied, oldest first. */
    private static List<ScriptCatalog.Script> pending(ScriptCatalog catalog, Map<String, Instant> applied, String targetId) {
        return catalog.scripts().stream()
                .filter(s -> !applied.containsKey(s.id()) && Versions.compare(s.id(), targetId) <= 0)
                .collect(Collectors.toList());
    }

    private static String previousApplied(ScriptCatalog catalog, ScriptCatalog.Script script) {
        String previous = "base";
        for (ScriptCatalog.Script s : catalog.scripts()) {
            if (Versions.compare(s.id(), script.id()) < 0) {
                previous = s.id();
            }
        }
        return previous;
    }

    /** Validates a downgrade argument before anything is locked: "-N", "base" or a known revision id. */
    private static String parseDowngradeArgument(ScriptCatalog catalog, String revision) {
        String argument = revision == null || revision.isBlank() ? "-1" : revision.trim();
        if (argument.equals("base")) {
            return argument;
        }
        if (argument.matches("-\\d+")) {
            if (Long.parseLong(argument.substring(1)) < 1) {
                throw new MigrationException("Downgrade steps must be at least 1, got '" + argument + "'.");
            }
            return argument;
        }
        return catalog.resolveKnown(argument, "downgrade");
    }

    /** The applied revisions to revert for a downgrade argument, newest first. */
    private static List<ScriptCatalog.Script> revertPlan(ScriptCatalog catalog, Map<String, Instant> applied, String argument) {
        refuseIfAhead(catalog, applied);
        List<ScriptCatalog.Script> appliedScripts = catalog.scripts().stream()
                .filter(s -> applied.containsKey(s.id()))
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(appliedScripts);
        if (argument.equals("base")) {
            return appliedScripts;
        }
        if (argument.startsWith("-")) {
            long steps = Long.parseLong(argument.substring(1));
            if (steps > appliedScripts.size()) {
                throw new MigrationException("Cannot downgrade " + steps + " revision" + (steps == 1 ? "" : "s") + ": "
                        + (appliedScripts.isEmpty() ? "none is applied (the database is at base)"
                                : "only " + appliedScripts.size() + " are applied") + ". Use 'base' to revert them all.");
            }
            return appliedScripts.subList(0, (int) steps);
        }
        if (!applied.containsKey(argument)) {
            throw new MigrationException("Cannot downgrade to revision " + argument + ": it is not applied (current revision "
                    + HistoryTable.newestOf(applied.keySet()).orElse("base") + "). A downgrade target stays applied; "
                    + "use 'stratum database history' to see applied revisions.");
        }
        return appliedScripts.stream()
                .filter(s -> Versions.compare(s.id(), argument) > 0)
                .collect(Collectors.toList());
    }

    private static void refuseIfAhead(ScriptCatalog catalog, Map<String, Instant> applied) {
        List<String> unknown = applied.keySet().stream().filter(id -> !catalog.knows(id)).sorted(Versions.ORDER)
                .collect(Collectors.toList());
        if (unknown.isEmpty()) {
            return;
        }
        String newestKnown = catalog.newestId();
        String current = HistoryTable.newestOf(applied.keySet()).orElse("?");
        if (Versions.compare(current, newestKnown) > 0) {
            throw new SchemaVersionException("The database is at revision " + current + ", newer than this build of "
                    + "Stratum knows (its newest revision is " + newestKnown + "; unknown applied revisions: "
                    + String.join(", ", unknown) + "). It was migrated by a newer Stratum. Run that newer build, or "
                    + "downgrade the database with it to " + newestKnown + " ('stratum database downgrade -r "
                    + newestKnown + "' from the newer build) before using this one.");
        }
        throw new SchemaVersionException("The database has applied revisions this build of Stratum does not know: "
                + String.join(", ", unknown) + " (this build knows " + String.join(", ", catalog.ids()) + "). It was "
                + "migrated by another build. Use that build, or revert those revisions with it.");
    }

    private static void refuseIfPastTarget(Map<String, Instant> applied, String targetId) {
        Optional<String> current = HistoryTable.newestOf(applied.keySet());
        if (current.isPresent() && Versions.compare(current.get(), targetId) > 0) {
            throw new MigrationException("The database is at revision " + current.get() + ", past the upgrade target "
                    + targetId + ". An upgrade never reverts revisions; to go back, downgrade: 'stratum database downgrade -r "
                    + targetId + "'.");
        }
    }

    /**
     * Creates the history table through Flyway when it is missing (while holding the lock). Flyway
     * refuses to migrate a schema that holds any table but no history; on SQLite the lock table is
     * such a table. Flyway's baseline creates the table with a marker row (version 0, below every
     * revision), which is removed at once and ignored if a crash leaves it.
     */
    private static void ensureHistoryTable(Target target, ScriptCatalog catalog) {
        if (withConnection(target, HistoryTable::exists)) {
            return;
        }
        flyway(target, catalog, null, null).baseline();
        withConnection(target, connection -> {
            HistoryTable.deleteBaseline(connection);
            return null;
        });
    }

    private static Flyway flyway(Target target, ScriptCatalog catalog, String targetId, LockCallback callback) {
        FluentConfiguration configuration = Flyway.configure(FlywayMigrationEngine.class.getClassLoader())
                // Flyway's records through System.Logger, its routine progress at DEBUG (quiet by default).
                .loggers(FlywaySystemLog.class.getName());
        // One connection for a revision and its history row, so both commit together (see the class comment).
        disablePostgresTransactionalLock(configuration);
        configuration.dataSource(target.dataSource())
                .resourceProvider(new ScriptResources(catalog))
                .javaMigrationClassProvider(List::of)
                .locations("classpath:db/migration/" + target.dialect().schemaFamily())
                .table(HISTORY_TABLE)
                .placeholderReplacement(false)
                .validateOnMigrate(true)
                .cleanDisabled(true)
                .baselineVersion("0")
                .baselineDescription("history table created by Stratum")
                .group(false)
                .mixed(false);
        if (callback != null) {
            configuration.callbacks(callback);
        }
        if (targetId != null) {
            configuration.target(targetId);
        }
        return configuration.load();
    }

    /**
     * Sets flyway-database-postgresql's {@code transactional.lock} to false, whatever the database: the
     * setting means nothing to the others, so no dialect is asked. Through the configuration map
     * this needs Jackson; the extension object is reached by name instead, so this module needs no
     * compile-time dependency on the PostgreSQL plugin (an automatic module named after its file).
     */
    private static void disablePostgresTransactionalLock(FluentConfiguration configuration) {
        String name = "org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension";
        for (ConfigurationExtension extension : configuration.getPluginRegister().getInstancesOf(ConfigurationExtension.class)) {
            if (extension.getClass().getName().equals(name)) {
                try {
                    extension.getClass().getMethod("setTransactionalLock", boolean.class).invoke(extension, false);
                    if (!Boolean.FALSE.equals(extension.getClass().getMethod("isTransactionalLock").invoke(extension))) {
                        throw new IllegalStateException("transactional lock still on");
                    }
                    return;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new MigrationException("Could not configure Flyway's PostgreSQL support (" + name
                            + ".setTransactionalLock(false)): " + e + ". Is flyway-database-postgresql "
                            + "of the version stratum-migrations was built with on the module path?", e);
                }
            }
        }
        // No PostgreSQL support installed: nothing to configure (Flyway refuses a PostgreSQL database itself).
    }

    private static <T> T withConnection(Target target, SqlWork<T> work) {
        try (Connection connection = target.dataSource().getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new MigrationException("Migration bookkeeping failed: " + rootMessage(e), e);
        }
    }

    /** The first line of the innermost database error's message (or of the outermost message). */
    static String rootMessage(Throwable error) {
        String message = null;
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            message = String.valueOf(error.getMessage());
        }
        String line = message.strip().lines().findFirst().orElse(message).strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static String abbreviate(String sql) {
        String line = sql.replaceAll("\\s+", " ").strip();
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
