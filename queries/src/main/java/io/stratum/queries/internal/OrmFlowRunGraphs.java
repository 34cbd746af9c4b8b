package io.stratum.queries.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.model.StateType;
import io.stratum.api.query.FlowRunGraph;
import io.stratum.api.query.FlowRunGraphTooLargeException;
import io.stratum.api.query.FlowRunGraphs;
import io.stratum.api.query.FlowRunNotFoundException;
import io.stratum.api.query.GraphArtifact;
import io.stratum.api.query.GraphNode;
import io.stratum.api.query.GraphState;
import io.stratum.api.spi.InputBounds;
import io.stratum.api.spi.RunGraphSql;
import io.stratum.api.spi.StorageValues;
import io.stratum.orm.model.ArtifactEntity;
import jakarta.persistence.EntityManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The flow run graph (reference {@code flow_run_graph_v2}): the dialect's {@link RunGraphSql} reads the
 * run's nodes with their task inputs in one query, {@link RunGraphAssembly} matches the edges, orders and
 * windows them; the flow run, its artifacts and its states are read here, over the entities; all of it
 * once for every database.
 */
final class OrmFlowRunGraphs implements FlowRunGraphs {
    private final DialectSql dialectSql;
    private final RunGraphSql sql;
    private final SessionReads reads;

    OrmFlowRunGraphs(DatabaseInterface database, DialectSql dialectSql) {
        this.dialectSql = dialectSql;
        this.sql = dialectSql.graph();
        this.reads = new SessionReads(database, dialectSql);
    }

    @Override
    public FlowRunGraph graph(EntityManager session, UUID flowRunId, Instant since, int maxNodes, int maxArtifacts) {
        if (flowRunId == null) {
            throw new IllegalArgumentException("A flow run graph needs the flow run's id; got null.");
        }
        requireCount("Flow run graph maxNodes", maxNodes, MAX_NODES, "read a large graph in windows with a later since");
        requireCount("Flow run graph maxArtifacts", maxArtifacts, MAX_ARTIFACTS, "show fewer artifacts at a time");

        List<Object[]> run = session.createQuery("SELECT r.startTime, r.expectedStartTime, r.endTime FROM FlowRun r"
                        + " WHERE r.id = :id", Object[].class)
                .setParameter("id", flowRunId)
                .getResultList();
        if (run.isEmpty()) {
            throw new FlowRunNotFoundException(flowRunId);
        }
        Instant startTime = run.get(0)[0] != null ? (Instant) run.get(0)[0] : (Instant) run.get(0)[1];
        Instant endTime = (Instant) run.get(0)[2];

        List<RunGraphAssembly.Candidate> candidates = candidates(session, flowRunId, since, maxNodes);
        List<RunGraphAssembly.Node> rows = candidates == null ? null : RunGraphAssembly.build(candidates, since, maxNodes);
        if (rows == null) {
            throw new FlowRunGraphTooLargeException(flowRunId, maxNodes);
        }

        Map<UUID, List<GraphArtifact>> artifactsByTaskRun = artifactsByTaskRun(session, flowRunId, maxArtifacts);
        boolean anyArtifacts = !artifactsByTaskRun.isEmpty();
        List<GraphNode> nodes = new ArrayList<>(rows.size());
        List<UUID> roots = new ArrayList<>();
        for (RunGraphAssembly.Node row : rows) {
            RunGraphAssembly.Candidate node = row.candidate();
            if (row.parents().isEmpty()) {
                roots.add(node.id());
            }
            nodes.add(new GraphNode(node.kind(), node.id(), node.label(), node.stateType(), node.stateName(),
                    node.startTime(), node.endTime(), row.parents(), row.children(), row.encapsulating(),
                    anyArtifacts ? artifactsByTaskRun.getOrDefault(node.id(), List.of()) : List.of()));
        }
        return new FlowRunGraph(startTime, endTime, roots, nodes, artifactsByTaskRun.getOrDefault(null, List.of()),
                states(session, flowRunId));
    }

    /**
     * The nodes query's rows the graph needs, or {@code null} when the window holds more than
     * {@code maxNodes} nodes, found without reading the whole run: the window's rows first, at most
     * {@code maxNodes + 1} of them (the reference's cut-off), and only when they fit the rows that ended
     * before {@code since}, which the window's nodes may still name as parents or children.
     */
    private List<RunGraphAssembly.Candidate> candidates(EntityManager session, UUID flowRunId, Instant since,
                                                        int maxNodes) {
        String operation = "Reading the graph of flow run " + flowRunId;
        String nodes = "SELECT * FROM (" + sql.nodesQuery() + ") n";
        Instant cut = sqlSince(since);
        if (since != null && cut == null) {
            return read(session, operation, sql.nodesQuery(), flowRunId, null);
        }
        List<RunGraphAssembly.Candidate> window = read(session, operation, nodes
                + (cut == null ? "" : " WHERE n.end_time IS NULL OR n.end_time >= :since") + " LIMIT :limit", flowRunId,
                Map.of("since", cut == null ? Instant.EPOCH : cut, "limit", maxNodes + 1));
        if (window.size() > maxNodes) {
            if (RunGraphAssembly.inWindow(window, since) > maxNodes) {
                return null;
            }
            return read(session, operation, sql.nodesQuery(), flowRunId, null);
        }
        if (cut == null) {
            return window;
        }
        List<RunGraphAssembly.Candidate> all = new ArrayList<>(window);
        all.addAll(read(session, operation, nodes + " WHERE n.end_time < :since", flowRunId, Map.of("since", cut)));
        return all;
    }

    private List<RunGraphAssembly.Candidate> read(EntityManager session, String operation, String query, UUID flowRunId,
                                                  Map<String, Object> more) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("flow_run_id", flowRunId);
        if (more != null) {
            parameters.putAll(more);
        }
        return reads.query(session, operation, NamedSql.bind(query, parameters), this::candidate);
    }

    /**
     * {@code since} as the SQL compares it with stored (microsecond) end times: rounded up to the next
     * microsecond, so that {@code end < since} holds in SQL exactly when it does in Java; {@code null}
     * outside the years 1 to 9999, which not every database stores (the graph then reads every node).
     */
    static Instant sqlSince(Instant since) {
        if (since == null || since.isBefore(FIRST_SQL_TIME) || since.isAfter(LAST_SQL_TIME)) {
            return null;
        }
        Instant micros = since.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return micros.equals(since) ? since : micros.plusNanos(1_000);
    }

    private static final Instant FIRST_SQL_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_SQL_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private static void requireCount(String parameter, int value, int maximum, String advice) {
        if (value < 0) {
            throw new IllegalArgumentException(parameter + " is " + value + ": use 0 to " + maximum + ".");
        }
        InputBounds.requireAtMost(parameter, value, maximum, advice);
    }

    private RunGraphAssembly.Candidate candidate(ResultSet row) throws SQLException {
        StorageValues values = dialectSql.values();
        String stateType = row.getString(4);
        return new RunGraphAssembly.Candidate(GraphNode.Kind.of(row.getString(1)), values.readUuid(row, 2),
                row.getString(3), stateType == null ? null : StateType.valueOf(stateType), row.getString(5),
                values.readTimestamp(row, 6), values.readTimestamp(row, 7), sql.readTaskInputs(row, 8));
    }

    /**
     * The first {@code maxArtifacts} artifacts of the flow run that are not results, by creation time
     * (then id), grouped by task run ({@code null}: the flow run's own). An artifact is the latest of its
     * key when its key's collection points at it.
     */
    private static Map<UUID, List<GraphArtifact>> artifactsByTaskRun(EntityManager session, UUID flowRunId,
                                                                    int maxArtifacts) {
        Map<UUID, List<GraphArtifact>> byTaskRun = new HashMap<>();
        if (maxArtifacts == 0) {
            return byTaskRun;
        }
        List<Object[]> rows = session.createQuery("SELECT a, c.id FROM Artifact a"
                        + " LEFT JOIN ArtifactCollection c ON c.key = a.key AND c.latestId = a.id"
                        + " WHERE a.flowRunId = :flowRunId AND a.type <> 'result'"
                        + " ORDER BY a.created, a.id", Object[].class)
                .setParameter("flowRunId", flowRunId)
                .setMaxResults(maxArtifacts)
                .getResultList();
        for (Object[] row : rows) {
            ArtifactEntity artifact = (ArtifactEntity) row[0];
            boolean isLatest = artifact.getKey() == null || row[1] != null;
            Object data = GraphArtifact.PROGRESS.equals(artifact.getType()) ? plain(artifact.getData()) : null;
            byTaskRun.computeIfAbsent(artifact.getTaskRunId(), id -> new ArrayList<>())
                    .add(new GraphArtifact(artifact.getId(), artifact.getCreated(), artifact.getKey(), artifact.getType(),
                            isLatest, data));
        }
        return byTaskRun;
    }

    /**
     * A JSON value as plain Java, every number a {@link Double}: SQLite stores a JSON column with numeric
     * affinity, so a document that is just {@code 100.0} comes back as {@code 100}; as doubles both
     * databases give the same value (and JSON numbers are doubles to the browsers that draw graphs).
     */
    private static Object plain(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isArray()) {
            List<Object> elements = new ArrayList<>(value.size());
            value.forEach(element -> elements.add(plain(element)));
            return elements;
        }
        if (value.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>();
            value.fields().forEachRemaining(member -> members.put(member.getKey(), plain(member.getValue())));
            return members;
        }
        return value.asText();
    }

    /** Every state of the flow run, by timestamp (a run's state timestamps are unique): the four fields a graph shows. */
    private static List<GraphState> states(EntityManager session, UUID flowRunId) {
        List<Object[]> states = session.createQuery("SELECT s.id, s.timestamp, s.type, s.name FROM FlowRunState s"
                        + " WHERE s.flowRunId = :flowRunId ORDER BY s.timestamp, s.id", Object[].class)
                .setParameter("flowRunId", flowRunId)
                .getResultList();
        List<GraphState> result = new ArrayList<>(states.size());
        for (Object[] state : states) {
            result.add(new GraphState((UUID) state[0], (Instant) state[1], (StateType) state[2], (String) state[3]));
        }
        return result;
    }
}
