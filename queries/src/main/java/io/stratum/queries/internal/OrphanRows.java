package io.stratum.queries.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rows of a table ({@code log}, {@code artifact}) whose {@code flow_run_id} names no run, deleted a
 * batch at a time by {@link BatchedRetention}. The table's distinct run ids are walked in order from a key
 * (the only thing remembered between batches), {@code batchSize} runs per walk; the rows of the missing runs
 * are deleted a group of whole runs at a time, so a batch reads each run's index range once, where
 * {@code LIMIT} slices over a list of runs read the deleted ranges again in every slice (on PostgreSQL the
 * dead index entries stay until vacuum). Not thread-safe: one per clean.
 */
final class OrphanRows {
    /** Smaller than every UUID, as text (SQLite) and as uuid (PostgreSQL): where the walk starts. */
    private static final UUID BEFORE_ALL = new UUID(0L, 0L);

    /**
     * The next {@code :limit} distinct run ids the table names after {@code :after}: a loose index scan (one
     * probe of {@code ix_<table>__flow_run_id} per distinct run), so the walk costs the runs referenced, not
     * the rows. With each, -1 when the run exists, else how many rows name it, counted up to {@code :cap}.
     */
    private static final String WALK = "WITH RECURSIVE ids(id, k) AS ("
            + "SELECT (SELECT flow_run_id FROM %1$s WHERE flow_run_id > :after ORDER BY flow_run_id LIMIT 1), 1 "
            + "UNION ALL SELECT (SELECT flow_run_id FROM %1$s WHERE flow_run_id > ids.id ORDER BY flow_run_id LIMIT 1), k + 1 "
            + "FROM ids WHERE ids.id IS NOT NULL AND k < :limit) "
            + "SELECT ids.id, CASE WHEN EXISTS (SELECT 1 FROM flow_run f WHERE f.id = ids.id) THEN -1 "
            + "ELSE (SELECT count(*) FROM (SELECT 1 FROM %1$s t WHERE t.flow_run_id = ids.id LIMIT :cap) named) END "
            + "FROM ids WHERE ids.id IS NOT NULL ORDER BY k";
    private static final String DELETE_RUNS = "DELETE FROM %1$s WHERE flow_run_id IN (:runs)";
    private static final String DELETE_SLICE_OF_RUN = "DELETE FROM %1$s WHERE id IN "
            + "(SELECT id FROM %1$s WHERE flow_run_id = :run LIMIT :limit)";

    /** Runs whose rows one batch deletes; {@code large}: a single run with more rows than a batch. */
    private record Group(List<UUID> runs, boolean large) {
    }

    private final String walk;
    private final String deleteRuns;
    private final String deleteSlice;
    private final DialectSql dialect;
    private final int batchSize;
    private final int maxRunsPerStatement;
    private final Deque<Group> pending = new ArrayDeque<>();
    private UUID after = BEFORE_ALL;
    private boolean walked;

    OrphanRows(String table, DialectSql dialect, int batchSize, int maxParameters) {
        this.walk = String.format(WALK, table);
        this.deleteRuns = String.format(DELETE_RUNS, table);
        this.deleteSlice = String.format(DELETE_SLICE_OF_RUN, table);
        this.dialect = dialect;
        this.batchSize = batchSize;
        this.maxRunsPerStatement = Math.max(1, maxParameters - 1);
    }

    /**
     * One batch, in the caller's transaction: the next group's rows, after one walk step when no group is
     * pending (at most one per batch, so a walk over runs that all exist never holds a transaction long).
     * Returns the rows deleted, or -1 when nothing is left.
     */
    int deleteNextBatch(TransactionSql sql) {
        if (pending.isEmpty()) {
            if (walked) {
                return -1;
            }
            walkOnce(sql);
            if (pending.isEmpty()) {
                return walked ? -1 : 0;
            }
        }
        Group group = pending.peek();
        if (group.large()) {
            NamedSql.Bound bound = NamedSql.bind(deleteSlice, Map.of("run", group.runs().get(0), "limit", batchSize));
            int deleted = sql.update(bound.sql(), bound.parameters().toArray());
            if (deleted < batchSize) {
                pending.poll();
            }
            return deleted;
        }
        pending.poll();
        NamedSql.Bound bound = NamedSql.bind(deleteRuns, Map.of("runs", group.runs()));
        return sql.update(bound.sql(), bound.parameters().toArray());
    }

    /** Reads the next runs of the walk and groups the missing ones' rows into batches; {@code walked} at the end. */
    private void walkOnce(TransactionSql sql) {
        NamedSql.Bound bound = NamedSql.bind(walk, Map.of("after", after, "limit", batchSize, "cap", batchSize + 1));
        List<Object[]> named = sql.query(bound.sql(), row -> new Object[] {dialect.values().readUuid(row, 1), row.getLong(2)},
                bound.parameters().toArray());
        if (named.size() < batchSize) {
            walked = true;
        }
        if (named.isEmpty()) {
            return;
        }
        after = (UUID) named.get(named.size() - 1)[0];
        List<UUID> group = new ArrayList<>();
        long groupRows = 0;
        for (Object[] run : named) {
            long rows = (Long) run[1];
            if (rows <= 0) {
                continue;
            }
            if (rows > batchSize) {
                pending.add(new Group(List.of((UUID) run[0]), true));
                continue;
            }
            if (groupRows + rows > batchSize || group.size() == maxRunsPerStatement) {
                pending.add(new Group(group, false));
                group = new ArrayList<>();
                groupRows = 0;
            }
            group.add((UUID) run[0]);
            groupRows += rows;
        }
        if (!group.isEmpty()) {
            pending.add(new Group(group, false));
        }
    }
}
