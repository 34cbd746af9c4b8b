package io.stratum.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.api.Dialect;
import io.stratum.api.query.WorkerPollRequest;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.PollingSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A claim written by hand sending the statements Stratum's claim sent before issue 18: the dialect's
 * polling query with slot counting (the text Stratum's polls send, its named parameters bound by hand),
 * a JDBC batch inserting the Pending states, a batch pointing the runs at them, and the claimed runs
 * read back in full, JSON parsed (a worker needs them), in one transaction. (Stratum's claim is now held
 * to {@link JdbcClaimFloor}; benchmark 6 times this path's poll.)
 */
final class JdbcClaims {
    private static final Pattern NAMED = Pattern.compile("(?<!:):([a-z_]+)");
    private static final String INSERT_STATE = "INSERT INTO flow_run_state (id, created, updated, flow_run_id, type, "
            + "\"timestamp\", name, state_details) VALUES (?, ?, ?, ?, 'PENDING', ?, 'Pending', '{}')";
    private static final String POINT_RUN = "UPDATE flow_run SET state_id = ?, state_type = 'PENDING', "
            + "state_name = 'Pending', state_timestamp = ?, next_scheduled_start_time = NULL, "
            + "expected_start_time = coalesce(expected_start_time, ?), updated = ? WHERE id = ?";

    private static final Set<String> JSON_COLUMNS = Set.of("parameters", "context", "empirical_policy", "tags", "labels",
            "created_by", "job_variables");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchDatabase database;
    private final JdbcValues values;
    private final String pollSql;
    private final List<String> pollParameters = new ArrayList<>();
    private final int limit;
    private final ReentrantLock writer;

    JdbcClaims(BenchDatabase database, int limit) {
        this.database = database;
        this.values = database.values();
        this.limit = limit;
        this.writer = JdbcTransaction.writerQueue(database);
        String named = pollingSql(database.dialect()).scheduledRunsFromWorkPools(WorkerPollRequest.builder().limit(limit)
                .build());
        Matcher matcher = NAMED.matcher(named);
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            pollParameters.add(matcher.group(1));
            matcher.appendReplacement(sql, "?");
        }
        matcher.appendTail(sql);
        this.pollSql = sql.toString();
    }

    String pollSql() {
        return pollSql;
    }

    /** Binds the poll's parameters: every limit is the claim size (no filters in the benchmarks). */
    void bindPoll(PreparedStatement statement) throws Exception {
        for (int i = 0; i < pollParameters.size(); i++) {
            String name = pollParameters.get(i);
            if (!name.equals("limit") && !name.equals("worker_limit") && !name.equals("queue_limit")) {
                throw new IllegalStateException("Unexpected poll parameter :" + name);
            }
            statement.setInt(i + 1, limit);
        }
    }

    /** Claims up to {@code limit} runs and commits (or rolls back, to leave the data as it was); returns their ids. */
    List<UUID> claim(boolean commit) throws Exception {
        return JdbcTransaction.run(database, writer, commit, this::claim);
    }

    private List<UUID> claim(Connection connection) throws Exception {
        List<UUID> runIds = new ArrayList<>();
        List<Instant> stateTimestamps = new ArrayList<>();
        try (PreparedStatement poll = connection.prepareStatement(pollSql)) {
            bindPoll(poll);
            try (ResultSet row = poll.executeQuery()) {
                while (row.next()) {
                    runIds.add(values.readUuid(row, 1));
                    stateTimestamps.add(values.readTimestamp(row, 4));
                }
            }
        }
        if (runIds.isEmpty()) {
            return runIds;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<UUID> stateIds = new ArrayList<>(runIds.size());
        List<Instant> at = new ArrayList<>(runIds.size());
        try (PreparedStatement insert = connection.prepareStatement(INSERT_STATE)) {
            for (int i = 0; i < runIds.size(); i++) {
                UUID stateId = UUID.randomUUID();
                Instant current = stateTimestamps.get(i);
                Instant timestamp = now.equals(current) ? now.plus(1, ChronoUnit.MICROS) : now;
                stateIds.add(stateId);
                at.add(timestamp);
                values.uuid(insert, 1, stateId);
                values.timestamp(insert, 2, now);
                values.timestamp(insert, 3, now);
                values.uuid(insert, 4, runIds.get(i));
                values.timestamp(insert, 5, timestamp);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement(POINT_RUN)) {
            for (int i = 0; i < runIds.size(); i++) {
                values.uuid(update, 1, stateIds.get(i));
                values.timestamp(update, 2, at.get(i));
                values.timestamp(update, 3, at.get(i));
                values.timestamp(update, 4, now);
                values.uuid(update, 5, runIds.get(i));
                update.addBatch();
            }
            update.executeBatch();
        }
        readRuns(connection, runIds);
        return runIds;
    }

    /**
     * Reads every column of the claimed runs into a row, as a worker receiving them needs them: the JSON
     * columns (parameters, job variables, policy, …) parsed into Java values with Jackson, the rest as
     * the driver returns them.
     */
    private void readRuns(Connection connection, List<UUID> runIds) throws Exception {
        String in = String.join(", ", Collections.nCopies(runIds.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM flow_run WHERE id IN (" + in + ")")) {
            for (int i = 0; i < runIds.size(); i++) {
                values.uuid(select, i + 1, runIds.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                int read = readRuns(rows, values, null).size();
                if (read != runIds.size()) {
                    throw new IllegalStateException("Read " + read + " of " + runIds.size() + " claimed runs");
                }
            }
        }
    }

    /**
     * Reads every row of {@code rows} (flow_run columns) into a map, the JSON columns parsed with Jackson,
     * the rest as the driver returns them, handing each to {@code each} (when not null); returns the ids.
     */
    static List<UUID> readRuns(ResultSet rows, JdbcValues values, java.util.function.Consumer<Map<String, Object>> each)
            throws Exception {
        ResultSetMetaData columns = rows.getMetaData();
        List<UUID> ids = new ArrayList<>();
        while (rows.next()) {
            Map<String, Object> run = new HashMap<>();
            for (int c = 1; c <= columns.getColumnCount(); c++) {
                String column = columns.getColumnName(c);
                if (JSON_COLUMNS.contains(column)) {
                    String text = rows.getString(c);
                    run.put(column, text == null ? null : JSON.readValue(text, Object.class));
                } else {
                    run.put(column, rows.getObject(c));
                }
            }
            Object id = run.get("id");
            ids.add(id instanceof UUID ? (UUID) id : UUID.fromString(String.valueOf(id)));
            if (each != null) {
                each.accept(run);
            }
        }
        return ids;
    }

    static PollingSql pollingSql(Dialect dialect) {
        for (DialectProvider provider : ServiceLoader.load(DialectProvider.class)) {
            if (provider.dialect().equals(dialect)) {
                return provider.pollingSql();
            }
        }
        throw new IllegalStateException("No polling SQL for " + dialect);
    }
}
