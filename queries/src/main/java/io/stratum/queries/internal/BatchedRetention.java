package io.stratum.queries.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.query.Retention;
import io.stratum.api.query.RetentionProgress;
import io.stratum.api.query.RetentionRequest;
import io.stratum.api.query.RetentionResult;
import io.stratum.orm.types.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The reference's database vacuum, in batches: each batch selects at most {@code batchSize} ids through an
 * index (the dialect's {@link io.stratum.api.spi.RetentionSql}), deletes them by id, dependants first, and
 * commits, in its own for-update transaction (on SQLite a write transaction, so the writer lock is given
 * back between batches). Tables kept in day partitions lose their whole old days first ({@link PartitionDrops}).
 * Nothing is remembered between batches but a key to continue from, so a clean
 * killed at any point leaves a consistent database and the next clean picks up the rest.
 */
final class BatchedRetention implements Retention {
    static final String FLOW_RUN = "flow_run";
    static final String FLOW_RUN_STATE = "flow_run_state";
    static final String TASK_RUN = "task_run";
    static final String TASK_RUN_STATE = "task_run_state";
    static final String FLOW_RUN_INPUT = "flow_run_input";
    static final String LOG = "log";
    static final String ARTIFACT = "artifact";
    static final String ARTIFACT_COLLECTION = "artifact_collection";
    static final String EVENT_RESOURCES = "event_resources";
    static final String EVENTS = "events";

    /**
     * The dialect's batch of expired runs (in place of {@code %s}), each with the rows that cascade from it,
     * counted before they go: one statement, probing each dependant table's index by run (no id lists to bind).
     */
    private static final String WITH_CASCADED_COUNTS = "SELECT e.id, "
            + "(SELECT count(*) FROM flow_run_state s WHERE s.flow_run_id = e.id), "
            + "(SELECT count(*) FROM task_run t WHERE t.flow_run_id = e.id), "
            + "(SELECT count(*) FROM task_run_state ts WHERE ts.task_run_id IN (SELECT t.id FROM task_run t WHERE t.flow_run_id = e.id)), "
            + "(SELECT count(*) FROM flow_run_input i WHERE i.flow_run_id = e.id) "
            + "FROM (%s) e";

    private static final String STALE_COLLECTION_KEYS = "SELECT c.\"key\" FROM artifact_collection c WHERE c.\"key\" > :after "
            + "AND NOT EXISTS (SELECT 1 FROM artifact a WHERE a.id = c.latest_id) ORDER BY c.\"key\" LIMIT :limit";

    private static final String DELETE_EVENT_RESOURCES = "DELETE FROM event_resources WHERE event_id IN (:ids)";
    private static final String DELETE_EVENTS = "DELETE FROM events WHERE id IN (:ids)";
    private static final String DELETE_ORPHAN_RESOURCES = "DELETE FROM event_resources WHERE id IN (SELECT r.id FROM "
            + "event_resources r WHERE r.occurred < :cutoff AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id) "
            + "ORDER BY r.occurred LIMIT :limit)";

    private final DatabaseInterface database;
    private final DialectSql dialect;
    private final ArtifactDeletes artifacts;
    private final int maxParameters;

    BatchedRetention(DatabaseInterface database, DialectSql dialect, ArtifactDeletes artifacts) {
        this.database = database;
        this.dialect = dialect;
        this.artifacts = artifacts;
        this.maxParameters = database.dialect().maxQueryParameters();
    }

    @Override
    public RetentionResult clean(RetentionRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("clean got a null request; build one with RetentionRequest.builder().");
        }
        long started = System.nanoTime();
        Tally tally = new Tally(request.progress());
        if (request.dryRun()) {
            new RetentionDryRun(database, dialect).count(request, tally);
        } else {
            PartitionDrops partitions = new PartitionDrops(database, dialect);
            partitions.createAhead();
            request.flowRunsBefore().ifPresent(cutoff -> {
                cleanFlowRuns(cutoff, request.batchSize(), tally);
                partitions.dropBefore(LOG, cutoff, true, tally);
                cleanOrphans(LOG, request.batchSize(), tally);
                cleanOrphans(ARTIFACT, request.batchSize(), tally);
                cleanCollections(request.batchSize(), tally);
            });
            request.eventsBefore().ifPresent(cutoff -> {
                partitions.dropBefore(EVENT_RESOURCES, cutoff, false, tally);
                partitions.dropBefore(EVENTS, cutoff, false, tally);
                cleanEvents(request, cutoff, tally);
            });
        }
        return new RetentionResult(tally.rows, tally.repointed, request.dryRun(), Duration.ofNanos(System.nanoTime() - started));
    }

    // ---------------------------------------------------------------- flow runs

    private void cleanFlowRuns(Instant cutoff, int batchSize, Tally tally) {
        long started = System.nanoTime();
        List<String> tables = List.of(FLOW_RUN, FLOW_RUN_STATE, TASK_RUN, TASK_RUN_STATE, FLOW_RUN_INPUT);
        tables.forEach(tally::start);
        String select = String.format(WITH_CASCADED_COUNTS, dialect.retention().expiredFlowRunIds());
        while (true) {
            long[] batch = batch("deleting expired flow runs", sql -> {
                NamedSql.Bound bound = NamedSql.bind(select, Map.of("cutoff", cutoff, "limit", batchSize));
                long[] counts = new long[5];
                List<UUID> ids = sql.query(bound.sql(), row -> {
                    for (int i = 1; i < counts.length; i++) {
                        counts[i] += row.getLong(i + 1);
                    }
                    return dialect.values().readUuid(row, 1);
                }, bound.parameters().toArray());
                counts[0] = deleteByIds(sql, "DELETE FROM flow_run WHERE id IN (:ids)", ids);
                return counts;
            });
            if (batch[0] == 0) {
                break;
            }
            for (int i = 0; i < tables.size(); i++) {
                tally.add(tables.get(i), batch[i]);
            }
        }
        tables.forEach(table -> tally.finish(table, started));
    }

    // ---------------------------------------------------------------- logs and artifacts of no run

    /**
     * Walks the distinct run ids {@code table} names; the rows of runs that do not exist go, a batch at a
     * time. A batch deletes whole runs' rows ({@code flow_run_id IN (…)}, as many runs as fit the batch
     * size), so each run's index range is read once; only a run with more rows than a batch is deleted in
     * {@code LIMIT} slices. A walk shares its transaction with the first delete it finds work for.
     */
    private void cleanOrphans(String table, int batchSize, Tally tally) {
        long started = System.nanoTime();
        tally.start(table);
        OrphanRows orphans = new OrphanRows(table, dialect, batchSize, maxParameters);
        while (true) {
            int deleted = batch("deleting " + table + " rows of deleted flow runs", orphans::deleteNextBatch);
            if (deleted < 0) {
                break;
            }
            tally.add(table, deleted);
        }
        tally.finish(table, started);
    }

    /** Collections whose latest artifact is gone: re-pointed at the newest artifact left of the key, or deleted. */
    private void cleanCollections(int batchSize, Tally tally) {
        long started = System.nanoTime();
        tally.start(ARTIFACT_COLLECTION);
        String after = "";
        while (true) {
            String from = after;
            Object[] batch = batch("re-pointing artifact collections", sql -> {
                NamedSql.Bound bound = NamedSql.bind(STALE_COLLECTION_KEYS, Map.of("after", from, "limit", batchSize));
                List<String> keys = sql.query(bound.sql(), row -> row.getString(1), bound.parameters().toArray());
                if (keys.isEmpty()) {
                    return new Object[] {null, 0, 0};
                }
                int repointed = 0;
                int deleted = 0;
                for (List<String> slice : Batches.slices(keys, Math.max(1, maxParameters - 1))) {
                    int[] changed = artifacts.repointStaleCollections(sql, slice, Timestamps.now());
                    repointed += changed[0];
                    deleted += changed[1];
                }
                return new Object[] {keys.get(keys.size() - 1), repointed, deleted};
            });
            if (batch[0] == null) {
                break;
            }
            after = (String) batch[0];
            tally.repointed += (Integer) batch[1];
            tally.add(ARTIFACT_COLLECTION, (Integer) batch[2]);
        }
        tally.finish(ARTIFACT_COLLECTION, started);
    }

    // ---------------------------------------------------------------- events

    private void cleanEvents(RetentionRequest request, Instant cutoff, Tally tally) {
        long started = System.nanoTime();
        tally.start(EVENT_RESOURCES);
        tally.start(EVENTS);
        int batchSize = request.batchSize();
        for (Map.Entry<String, Instant> type : request.eventTypesBefore().entrySet()) {
            if (type.getValue().isAfter(cutoff)) {
                deleteEvents(dialect.retention().oldEventIdsOfType(),
                        Map.of("event_type", type.getKey(), "cutoff", type.getValue(), "limit", batchSize), tally);
            }
        }
        deleteEvents(dialect.retention().oldEventIds(), Map.of("cutoff", cutoff, "limit", batchSize), tally);
        while (true) {
            int deleted = batch("deleting event resources of deleted events", sql -> {
                NamedSql.Bound bound = NamedSql.bind(DELETE_ORPHAN_RESOURCES, Map.of("cutoff", cutoff, "limit", batchSize));
                return sql.update(bound.sql(), bound.parameters().toArray());
            });
            tally.add(EVENT_RESOURCES, deleted);
            if (deleted < batchSize) {
                break;
            }
        }
        tally.finish(EVENT_RESOURCES, started);
        tally.finish(EVENTS, started);
    }

    private void deleteEvents(String select, Map<String, Object> parameters, Tally tally) {
        while (true) {
            long[] batch = batch("deleting old events", sql -> {
                List<UUID> ids = ids(sql, select, parameters);
                long resources = deleteByIds(sql, DELETE_EVENT_RESOURCES, ids);
                return new long[] {deleteByIds(sql, DELETE_EVENTS, ids), resources};
            });
            if (batch[0] == 0) {
                break;
            }
            tally.add(EVENT_RESOURCES, batch[1]);
            tally.add(EVENTS, batch[0]);
        }
    }

    // ---------------------------------------------------------------- shared

    private List<UUID> ids(TransactionSql sql, String select, Map<String, ?> parameters) {
        NamedSql.Bound bound = NamedSql.bind(select, parameters);
        return sql.query(bound.sql(), row -> dialect.values().readUuid(row, 1), bound.parameters().toArray());
    }

    private long deleteByIds(TransactionSql sql, String delete, List<UUID> ids) {
        long deleted = 0;
        for (List<UUID> slice : Batches.slices(ids, maxParameters)) {
            NamedSql.Bound bound = NamedSql.bind(delete, Map.of("ids", slice));
            deleted += sql.update(bound.sql(), bound.parameters().toArray());
        }
        return deleted;
    }

    /** One batch: its own transaction, committed before the next begins; for writing, a for-update one. */
    private <T> T batch(String operation, Function<TransactionSql, T> work) {
        return batch(operation, work, true);
    }

    private <T> T batch(String operation, Function<TransactionSql, T> work, boolean writes) {
        return database.sessionContext(true, writes, session -> work.apply(TransactionSql.of(session, dialect, operation)));
    }

    /** Rows per table in work order, and the progress listener told of each batch. */
    static final class Tally {
        final Map<String, Long> rows = new LinkedHashMap<>();
        final RetentionProgress progress;
        long repointed;

        Tally(RetentionProgress progress) {
            this.progress = progress;
        }

        void start(String table) {
            rows.putIfAbsent(table, 0L);
        }

        void add(String table, long count) {
            long total = rows.merge(table, count, Long::sum);
            if (count > 0) {
                progress.batch(table, count, total);
            }
        }

        void finish(String table, long startedNanos) {
            progress.finished(table, rows.getOrDefault(table, 0L), Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }
}
