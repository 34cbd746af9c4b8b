package io.stratum.migrations.internal;

import io.stratum.api.Dialect;
import io.stratum.api.MigrationException;
import io.stratum.api.Revision;
import io.stratum.api.RevisionStatus;
import io.stratum.api.SchemaVersionException;
import io.stratum.api.spi.MigrationEngine;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Upgrades through Flyway; downgrades, stamps and reports through the same history table, running
 * the down scripts itself, one revision per transaction.
 */
public final class FlywayMigrationEngine implements MigrationEngine {
    /** The migration history table (Flyway's format). */
    public static final String HISTORY_TABLE = "stratum_schema_history";

    @Override
    public List<Revision> revisions(Dialect dialect) {
        return ScriptCatalog.scripts(dialect).stream().map(ScriptCatalog.Script::revision).collect(Collectors.toList());
    }

    @Override
    public Optional<String> current(Target target) {
        return withConnection(target, connection -> HistoryTable.current(connection));
    }

    @Override
    public List<RevisionStatus> history(Target target) {
        Map<String, java.time.Instant> applied = withConnection(target, HistoryTable::applied);
        List<RevisionStatus> statuses = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (ScriptCatalog.Script script : ScriptCatalog.scripts(target.dialect())) {
            String id = script.revision().id();
            known.add(id);
            statuses.add(new RevisionStatus(script.revision(), applied.containsKey(id), applied.get(id)));
        }
        applied.forEach((id, at) -> {
            if (!known.contains(id)) {
                statuses.add(new RevisionStatus(new Revision(id, "unknown to this build"), true, at));
            }
        });
        return statuses;
    }

    @Override
    public List<Revision> upgrade(Target target, String revision) {
        List<ScriptCatalog.Script> scripts = ScriptCatalog.scripts(target.dialect());
        String targetId = resolveUpgradeTarget(scripts, revision);
        refuseIfAhead(target, scripts);
        try {
            MigrateResult result = flyway(target, targetId).migrate();
            List<Revision> applied = new ArrayList<>();
            result.migrations.forEach(m -> applied.add(new Revision(m.version, m.description)));
            return applied;
        } catch (FlywayException e) {
            throw new MigrationException("Upgrade to revision " + targetId + " failed: " + e.getMessage()
                    + " The failing revision was rolled back; the database stays at revision "
                    + current(target).orElse("base") + ".", e);
        }
    }

    @Override
    public List<Revision> downgrade(Target target, String revision) {
        List<ScriptCatalog.Script> toRevert = revertPlan(target, revision);
        List<Revision> reverted = new ArrayList<>();
        for (ScriptCatalog.Script script : toRevert) {
            String down = ScriptCatalog.downScript(target.dialect(), script);
            withConnection(target, connection -> {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    for (String sql : SqlStatements.split(down)) {
                        statement.execute(sql);
                    }
                    HistoryTable.delete(connection, script.revision().id());
                    connection.commit();
                    return null;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw new MigrationException("Downgrade of revision " + script.revision() + " failed: "
                            + e.getMessage() + ". It was rolled back; the database stays at revision "
                            + script.revision().id() + ".", e);
                } finally {
                    connection.setAutoCommit(true);
                }
            });
            reverted.add(script.revision());
        }
        return reverted;
    }

    @Override
    public void stamp(Target target, String revision) {
        List<ScriptCatalog.Script> scripts = ScriptCatalog.scripts(target.dialect());
        String id = resolveKnown(scripts, revision, "stamp");
        Flyway flyway = flyway(target, null);
        MigrationInfo[] all = flyway.info().all();
        withConnection(target, connection -> {
            if (!HistoryTable.exists(connection)) {
                flyway.baseline();
                HistoryTable.deleteBaseline(connection);
            }
            connection.setAutoCommit(false);
            try {
                HistoryTable.stamp(connection, scripts, all, id);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return null;
        });
    }

    @Override
    public void printUpgrade(Target target, String revision, PrintStream out) {
        List<ScriptCatalog.Script> scripts = ScriptCatalog.scripts(target.dialect());
        String targetId = resolveUpgradeTarget(scripts, revision);
        refuseIfAhead(target, scripts);
        Optional<String> current = current(target);
        for (ScriptCatalog.Script script : scripts) {
            boolean pending = current.isEmpty()
                    || ScriptCatalog.compareVersions(script.version(), ScriptCatalog.parseVersion(current.get())) > 0;
            if (pending && ScriptCatalog.compareVersions(script.version(), ScriptCatalog.parseVersion(targetId)) <= 0) {
                out.println("-- Upgrade to revision " + script.revision() + " (" + script.fileName() + ")");
                out.println(ScriptCatalog.upScript(target.dialect(), script).trim());
                out.println();
            }
        }
    }

    @Override
    public void printDowngrade(Target target, String revision, PrintStream out) {
        for (ScriptCatalog.Script script : revertPlan(target, revision)) {
            out.println("-- Downgrade from revision " + script.revision() + " (" + script.fileName() + ")");
            out.println(ScriptCatalog.downScript(target.dialect(), script).trim());
            out.println("DELETE FROM " + HISTORY_TABLE + " WHERE version = '" + script.revision().id() + "';");
            out.println();
        }
    }

    /** The applied revisions to revert for a downgrade argument, newest first. */
    private List<ScriptCatalog.Script> revertPlan(Target target, String revision) {
        List<ScriptCatalog.Script> scripts = ScriptCatalog.scripts(target.dialect());
        refuseIfAhead(target, scripts);
        Map<String, java.time.Instant> applied = withConnection(target, HistoryTable::applied);
        List<ScriptCatalog.Script> appliedScripts = scripts.stream()
                .filter(s -> applied.containsKey(s.revision().id()))
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(appliedScripts);
        String argument = revision == null || revision.isBlank() ? "-1" : revision.trim();
        if (argument.equals("base")) {
            return appliedScripts;
        }
        if (argument.matches("-\\d+")) {
            int steps = Integer.parseInt(argument.substring(1));
            if (steps < 1) {
                throw new MigrationException("Downgrade steps must be at least 1, got '" + argument + "'.");
            }
            if (steps > appliedScripts.size()) {
                throw new MigrationException("Cannot downgrade " + steps + " revisions: only " + appliedScripts.size()
                        + " are applied. Use 'base' to revert them all.");
            }
            return appliedScripts.subList(0, steps);
        }
        String id = resolveKnown(scripts, argument, "downgrade");
        if (!applied.containsKey(id)) {
            throw new MigrationException("Cannot downgrade to revision " + id + ": it is not applied (current revision "
                    + HistoryTable.newestOf(applied.keySet()).orElse("base") + "). Use 'stratum database history' to see "
                    + "applied revisions.");
        }
        int[] keep = ScriptCatalog.parseVersion(id);
        return appliedScripts.stream()
                .filter(s -> ScriptCatalog.compareVersions(s.version(), keep) > 0)
                .collect(Collectors.toList());
    }

    private void refuseIfAhead(Target target, List<ScriptCatalog.Script> scripts) {
        Map<String, java.time.Instant> applied = withConnection(target, HistoryTable::applied);
        List<String> known = scripts.stream().map(s -> s.revision().id()).collect(Collectors.toList());
        List<String> unknown = applied.keySet().stream().filter(id -> !known.contains(id)).sorted()
                .collect(Collectors.toList());
        if (!unknown.isEmpty()) {
            String newestKnown = known.get(known.size() - 1);
            throw new SchemaVersionException("The database is at revision "
                    + HistoryTable.newestOf(applied.keySet()).orElse("?") + ", newer than this build of Stratum knows "
                    + "(newest " + newestKnown + "; unknown applied revisions " + unknown + "). It was migrated by a newer "
                    + "Stratum. Run that newer build, or downgrade the database to " + newestKnown
                    + " with the newer build ('stratum database downgrade -r " + newestKnown + "').");
        }
    }

    private static String resolveUpgradeTarget(List<ScriptCatalog.Script> scripts, String revision) {
        if (revision == null || revision.isBlank() || revision.equals("head")) {
            return scripts.get(scripts.size() - 1).revision().id();
        }
        return resolveKnown(scripts, revision.trim(), "upgrade");
    }

    private static String resolveKnown(List<ScriptCatalog.Script> scripts, String revision, String operation) {
        for (ScriptCatalog.Script script : scripts) {
            if (script.revision().id().equals(revision)) {
                return revision;
            }
        }
        throw new MigrationException("Unknown revision '" + revision + "' for " + operation + ". Known revisions: "
                + scripts.stream().map(s -> s.revision().id()).collect(Collectors.joining(", "))
                + " (or 'head'" + (operation.equals("downgrade") ? ", 'base', '-N'" : "") + ").");
    }

    private static Flyway flyway(Target target, String targetId) {
        var configuration = Flyway.configure(FlywayMigrationEngine.class.getClassLoader())
                .dataSource(target.dataSource())
                .locations("classpath:db/migration/" + target.dialect().id())
                .table(HISTORY_TABLE)
                .placeholderReplacement(false)
                .validateOnMigrate(true)
                .cleanDisabled(true)
                .baselineDescription("stamped by Stratum")
                .group(false)
                .mixed(false);
        if (targetId != null) {
            configuration.target(targetId);
        }
        return configuration.load();
    }

    private static <T> T withConnection(Target target, SqlWork<T> work) {
        try (Connection connection = target.dataSource().getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new MigrationException("Migration bookkeeping failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

}
