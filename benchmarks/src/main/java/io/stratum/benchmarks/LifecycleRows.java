package io.stratum.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.orm.types.Json;
import io.stratum.orm.types.StateDetails;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a lifecycle round must leave behind, checked on every run (not timed): the run COMPLETED exactly
 * once with exactly three new states — Pending, Running, Completed, in that order — and its fields
 * derived from them (state id/type/name/timestamp, start = Running's time, end = Completed's time, one
 * run, total run time = the time spent Running, no next scheduled time). Returns a signature of the
 * first run's rows (ids and times as relations) that must be the same for every contestant.
 */
final class LifecycleRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = "SELECT r.id, r.state_id, r.state_type, r.state_name, r.state_timestamp, "
            + "r.start_time, r.end_time, r.run_count, r.total_run_time, r.expected_start_time, "
            + "r.next_scheduled_start_time, s.id, s.type, s.name, s.\"timestamp\", s.state_details, s.created, s.updated, "
            + "s.message, s.data, s.result_artifact_id FROM flow_run r LEFT JOIN flow_run_state s ON s.flow_run_id = r.id "
            + "ORDER BY r.id, s.\"timestamp\"";
    private static final String[] TYPES = {"PENDING", "RUNNING", "COMPLETED"};
    private static final String[] NAMES = {"Pending", "Running", "Completed"};

    private LifecycleRows() {
    }

    /** The reference's whole state_details document of a flow run's state, as Stratum writes it. */
    static String details(UUID runId) {
        return Json.write(new StateDetails(runId, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null), "flow_run_state.state_details");
    }

    private record State(UUID id, String type, String name, Instant at, String details, Instant created,
                         Instant updated, String message, String data, String artifact) {
    }

    static String verify(BenchDatabase database, int runs, String contestant) throws Exception {
        JdbcValues values = database.values();
        String signature = null;
        int seen = 0;
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT);
             ResultSet row = select.executeQuery()) {
            boolean more = row.next();
            while (more) {
                UUID run = values.readUuid(row, 1);
                UUID stateId = values.readUuid(row, 2);
                String type = row.getString(3);
                String name = row.getString(4);
                Instant stateTimestamp = values.readTimestamp(row, 5);
                Instant start = values.readTimestamp(row, 6);
                Instant end = values.readTimestamp(row, 7);
                int runCount = row.getInt(8);
                Duration total = values.readInterval(row, 9);
                Instant expected = values.readTimestamp(row, 10);
                Instant nextScheduled = values.readTimestamp(row, 11);
                List<State> states = new ArrayList<>();
                while (more && run.equals(values.readUuid(row, 1))) {
                    if (row.getString(12) != null) {
                        states.add(new State(values.readUuid(row, 12), row.getString(13), row.getString(14),
                                values.readTimestamp(row, 15), row.getString(16), values.readTimestamp(row, 17),
                                values.readTimestamp(row, 18), row.getString(19), row.getString(20), row.getString(21)));
                    }
                    more = row.next();
                }
                seen++;
                String problem = check(run, stateId, type, name, stateTimestamp, start, end, runCount, total, expected,
                        nextScheduled, states);
                if (problem != null) {
                    throw new IllegalStateException(contestant + ": flow run " + run + " " + problem);
                }
                if (signature == null) {
                    signature = signature(run, states, expected, end);
                }
            }
        }
        if (seen != runs) {
            throw new IllegalStateException(contestant + ": " + seen + " flow runs after the round, expected " + runs);
        }
        return signature;
    }

    private static String check(UUID run, UUID stateId, String type, String name, Instant stateTimestamp, Instant start,
                                Instant end, int runCount, Duration total, Instant expected, Instant nextScheduled,
                                List<State> states) throws Exception {
        if (states.size() != 3) {
            return "has " + states.size() + " states, expected 3 (Pending, Running, Completed)";
        }
        for (int i = 0; i < 3; i++) {
            State state = states.get(i);
            if (!TYPES[i].equals(state.type()) || !NAMES[i].equals(state.name())) {
                return "has state " + (i + 1) + " " + state.type() + "/" + state.name() + ", expected " + TYPES[i];
            }
            JsonNode expectedDetails = JSON.readTree(i == 0 ? "{}" : details(run));
            if (!expectedDetails.equals(JSON.readTree(state.details()))) {
                return "has state " + TYPES[i] + " with details " + state.details();
            }
        }
        State running = states.get(1);
        State completed = states.get(2);
        if (!completed.id().equals(stateId) || !"COMPLETED".equals(type) || !"Completed".equals(name)
                || !completed.at().equals(stateTimestamp)) {
            return "does not point at its Completed state: " + type + " " + name + " " + stateId;
        }
        if (!running.at().equals(start) || !completed.at().equals(end) || runCount != 1 || nextScheduled != null
                || expected == null) {
            return "has start " + start + ", end " + end + ", run count " + runCount + ", next scheduled " + nextScheduled
                    + ", expected start " + expected + "; its Running state is at " + running.at() + ", Completed at "
                    + completed.at();
        }
        Duration ran = Duration.between(running.at(), completed.at());
        if (Math.abs(total.toNanos() - ran.toNanos()) >= 1_000) {
            return "has total run time " + total + ", but ran " + ran;
        }
        return null;
    }

    /** The first run's rows with ids and times replaced by what they relate to. */
    private static String signature(UUID run, List<State> states, Instant expected, Instant end) throws Exception {
        StringBuilder text = new StringBuilder();
        for (State state : states) {
            JsonNode details = JSON.readTree(state.details());
            if (details.has("flow_run_id")) {
                ((ObjectNode) details).put("flow_run_id", run.equals(UUID.fromString(details.get("flow_run_id").asText()))
                        ? "<this run>" : "<another run>");
            }
            text.append(String.format("state %s name=%s details=%s message=%s data=%s result_artifact_id=%s "
                            + "created%supdated%n", state.type(), state.name(), details, state.message(),
                    state.data(), state.artifact(), relation(state.created(), state.updated())));
        }
        text.append(String.format("run expected_start_time%sPending end_time%sCompleted", relation(expected,
                states.get(0).at()), relation(end, states.get(2).at())));
        return text.toString();
    }

    /** {@code =}, {@code <} or {@code >}, with 1 µs of slack for the 1 µs a taken timestamp moves. */
    private static String relation(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == b ? " = " : " ? ";
        }
        long micros = ChronoUnit.MICROS.between(b, a);
        return Math.abs(micros) <= 1 ? " = " : micros < 0 ? " < " : " > ";
    }
}
