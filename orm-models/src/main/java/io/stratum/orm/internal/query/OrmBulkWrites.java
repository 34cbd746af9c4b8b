package io.stratum.orm.internal.query;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Dialect;
import io.stratum.api.StratumException;
import io.stratum.api.query.BulkWrites;
import io.stratum.api.query.EventRecord;
import io.stratum.api.query.LogRecord;
import io.stratum.api.spi.BulkWriteSql;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Logs and events in multi-row INSERTs sized under the dialect's bind-parameter limit. */
final class OrmBulkWrites implements BulkWrites {
    private static final String LOG_COLUMNS =
            "id, created, updated, name, level, flow_run_id, task_run_id, message, \"timestamp\"";
    private static final int LOG_PARAMETERS = 9;

    private final Dialect dialect;
    private final DialectSql dialectSql;
    private final BulkWriteSql sql;

    OrmBulkWrites(DatabaseInterface database, DialectSql dialectSql) {
        this.dialect = database.dialect();
        this.dialectSql = dialectSql;
        this.sql = DialectServices.find(BulkWriteSql.class, dialect);
    }

    @Override
    public int logsPerStatement() {
        return Batches.rowsPerStatement(dialect, LOG_PARAMETERS);
    }

    @Override
    public int insertLogs(EntityManager session, List<LogRecord> logs) {
        if (logs == null) {
            throw new StratumException("insertLogs got no list of logs: pass a (possibly empty) list.");
        }
        for (int i = 0; i < logs.size(); i++) {
            checkLog(i, logs.get(i));
        }
        if (logs.isEmpty()) {
            return 0;
        }
        TransactionSql transaction = TransactionSql.of(session, dialectSql, "inserting logs");
        Instant now = Timestamps.now();
        String placeholders = TransactionSql.placeholders(LOG_PARAMETERS);
        for (List<LogRecord> slice : Batches.slices(logs, logsPerStatement())) {
            List<Object> parameters = new ArrayList<>(slice.size() * LOG_PARAMETERS);
            for (LogRecord log : slice) {
                parameters.add(UUID.randomUUID());
                parameters.add(now);
                parameters.add(now);
                parameters.add(log.name());
                parameters.add(log.level());
                parameters.add(log.flowRunId());
                parameters.add(log.taskRunId());
                parameters.add(log.message());
                parameters.add(Timestamps.micros(log.timestamp()));
            }
            transaction.update(Batches.multiRowInsert("log", LOG_COLUMNS, placeholders, slice.size()),
                    parameters.toArray());
        }
        return logs.size();
    }

    private static void checkLog(int index, LogRecord log) {
        if (log == null) {
            throw new StratumException("logs[" + index + "] is null; pass only log records. Nothing was written.");
        }
        String missing = log.name() == null ? "name"
                : log.message() == null ? "message"
                : log.timestamp() == null ? "timestamp"
                : null;
        if (missing != null) {
            throw new StratumException("logs[" + index + "] has no " + missing + "; every log needs a name, a message "
                    + "and a timestamp. Nothing was written.");
        }
        if (log.level() < Short.MIN_VALUE || log.level() > Short.MAX_VALUE) {
            throw new StratumException("logs[" + index + "] has level " + log.level() + ", outside the SMALLINT range "
                    + "of log.level; use a logging level such as 20 (INFO). Nothing was written.");
        }
    }

    @Override
    public int insertEvents(EntityManager session, List<EventRecord> events) {
        if (events == null) {
            throw new StratumException("insertEvents got no list of events: pass a (possibly empty) list.");
        }
        Map<UUID, EventRows> unique = new LinkedHashMap<>();
        Instant now = Timestamps.now();
        for (int i = 0; i < events.size(); i++) {
            EventRows rows = EventRows.of(i, events.get(i), now);
            unique.putIfAbsent(rows.id(), rows);
        }
        if (unique.isEmpty()) {
            return 0;
        }
        TransactionSql transaction = TransactionSql.of(session, dialectSql, "inserting events");
        Set<UUID> inserted = insertNewEvents(transaction, new ArrayList<>(unique.values()));
        List<Object> resourceRows = new ArrayList<>();
        for (EventRows event : unique.values()) {
            if (inserted.contains(event.id())) {
                resourceRows.addAll(event.resourceParameters());
            }
        }
        insertRows(transaction, "event_resources", EventRows.RESOURCE_COLUMNS, EventRows.RESOURCE_PARAMETERS, resourceRows);
        return inserted.size();
    }

    /** Inserts the events not stored yet; returns their ids. */
    private Set<UUID> insertNewEvents(TransactionSql transaction, List<EventRows> events) {
        Optional<String> skipStoredReturningIds = sql.insertEventsSkippingStoredReturningIds();
        List<EventRows> toInsert = events;
        if (skipStoredReturningIds.isEmpty()) {
            Set<UUID> stored = storedEventIds(transaction, events);
            toInsert = new ArrayList<>(events.size());
            for (EventRows event : events) {
                if (!stored.contains(event.id())) {
                    toInsert.add(event);
                }
            }
        }
        Set<UUID> inserted = new HashSet<>();
        String placeholders = TransactionSql.placeholders(EventRows.EVENT_PARAMETERS);
        for (List<EventRows> slice : Batches.slices(toInsert, Batches.rowsPerStatement(dialect, EventRows.EVENT_PARAMETERS))) {
            List<Object> parameters = new ArrayList<>(slice.size() * EventRows.EVENT_PARAMETERS);
            slice.forEach(event -> parameters.addAll(event.eventParameters()));
            String insert = Batches.multiRowInsert("events", EventRows.EVENT_COLUMNS, placeholders, slice.size());
            if (skipStoredReturningIds.isPresent()) {
                inserted.addAll(transaction.query(insert + skipStoredReturningIds.get(),
                        row -> dialectSql.values().readUuid(row, 1), parameters.toArray()));
            } else {
                transaction.update(insert, parameters.toArray());
                slice.forEach(event -> inserted.add(event.id()));
            }
        }
        return inserted;
    }

    private Set<UUID> storedEventIds(TransactionSql transaction, List<EventRows> events) {
        Set<UUID> stored = new HashSet<>();
        for (List<EventRows> slice : Batches.slices(events, dialect.maxQueryParameters())) {
            Object[] ids = slice.stream().map(EventRows::id).toArray();
            stored.addAll(transaction.query("SELECT id FROM events WHERE id IN (" + TransactionSql.placeholders(ids.length)
                    + ")", row -> dialectSql.values().readUuid(row, 1), ids));
        }
        return stored;
    }

    private void insertRows(TransactionSql transaction, String table, String columns, int parametersPerRow,
                            List<Object> parameters) {
        String placeholders = TransactionSql.placeholders(parametersPerRow);
        int perStatement = Batches.rowsPerStatement(dialect, parametersPerRow) * parametersPerRow;
        for (List<Object> slice : Batches.slices(parameters, perStatement)) {
            transaction.update(Batches.multiRowInsert(table, columns, placeholders, slice.size() / parametersPerRow),
                    slice.toArray());
        }
    }
}
