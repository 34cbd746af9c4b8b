package io.stratum.queries.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.StratumException;
import io.stratum.api.query.BulkWrites;
import io.stratum.api.query.EventRecord;
import io.stratum.api.query.LogRecord;
import io.stratum.api.spi.InputBounds;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Logs and events written as the database takes many rows best ({@link RowInserts}). */
final class OrmBulkWrites implements BulkWrites {
    private static final String LOG_COLUMNS =
            "id, created, updated, name, level, flow_run_id, task_run_id, message, \"timestamp\"";
    private static final int LOG_PARAMETERS = 9;

    private final DialectSql dialectSql;
    private final RowInserts rows;

    OrmBulkWrites(DatabaseInterface database, DialectSql dialectSql) {
        this.dialectSql = dialectSql;
        this.rows = new RowInserts(database.dialect(), dialectSql);
    }

    @Override
    public int logsPerStatement() {
        return rows.rowsPerStatement(LOG_PARAMETERS, MAX_RECORDS);
    }

    @Override
    public int insertLogs(EntityManager session, List<LogRecord> logs) {
        if (logs == null) {
            throw new StratumException("insertLogs got no list of logs: pass a (possibly empty) list.");
        }
        InputBounds.requireSizeAtMost("insertLogs logs", logs, MAX_RECORDS, "write them in several calls");
        for (int i = 0; i < logs.size(); i++) {
            checkLog(i, logs.get(i));
        }
        if (logs.isEmpty()) {
            return 0;
        }
        TransactionSql transaction = TransactionSql.of(session, dialectSql, "inserting logs");
        Instant now = Timestamps.now();
        List<Object> parameters = new ArrayList<>(logs.size() * LOG_PARAMETERS);
        for (LogRecord log : logs) {
            parameters.add(UUID.randomUUID());
            parameters.add(now);
            parameters.add(now);
            parameters.add(withoutNul(log.name()));
            parameters.add(log.level());
            parameters.add(log.flowRunId());
            parameters.add(log.taskRunId());
            parameters.add(withoutNul(log.message()));
            parameters.add(Timestamps.micros(log.timestamp()));
        }
        rows.insert(transaction, "log", LOG_COLUMNS, TransactionSql.placeholders(LOG_PARAMETERS), LOG_PARAMETERS,
                parameters);
        return logs.size();
    }

    /**
     * The text without NUL characters, as the reference stores log names and messages: PostgreSQL text
     * cannot hold one (the whole statement would fail), and both dialects store the same text.
     */
    static String withoutNul(String text) {
        return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
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
        InputBounds.requireSizeAtMost("insertEvents events", events, MAX_RECORDS, "write them in several calls");
        Map<UUID, EventRows> unique = new LinkedHashMap<>();
        Instant now = Timestamps.now();
        for (int i = 0; i < events.size(); i++) {
            EventRows event = EventRows.of(i, events.get(i), now);
            unique.putIfAbsent(event.id(), event);
        }
        if (unique.isEmpty()) {
            return 0;
        }
        TransactionSql transaction = TransactionSql.of(session, dialectSql, "inserting events");
        List<Object> eventRows = new ArrayList<>(unique.size() * EventRows.EVENT_PARAMETERS);
        unique.values().forEach(event -> eventRows.addAll(event.eventParameters()));
        // Repeats within the input are gone already; ids stored before are skipped by the INSERT itself.
        Set<UUID> inserted = rows.insertSkippingStoredIds(transaction, "events", EventRows.EVENT_COLUMNS,
                TransactionSql.placeholders(EventRows.EVENT_PARAMETERS), EventRows.EVENT_PARAMETERS, eventRows);
        List<Object> resourceRows = new ArrayList<>();
        for (EventRows event : unique.values()) {
            if (inserted.contains(event.id())) {
                resourceRows.addAll(event.resourceParameters());
            }
        }
        if (!resourceRows.isEmpty()) {
            rows.insert(transaction, "event_resources", EventRows.RESOURCE_COLUMNS,
                    TransactionSql.placeholders(EventRows.RESOURCE_PARAMETERS), EventRows.RESOURCE_PARAMETERS, resourceRows);
        }
        return inserted.size();
    }
}
