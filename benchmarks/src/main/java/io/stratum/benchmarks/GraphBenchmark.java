package io.stratum.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stratum.api.Dialect;
import io.stratum.api.model.StateType;
import io.stratum.api.query.FlowRunGraph;
import io.stratum.api.query.FlowRunGraphs;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.RunGraphSql;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.TaskRunEntity;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 8: the flow run graph of one run of many task runs (issue 15: 5,000 task runs in under
 * 100 ms on both databases). Stratum's {@code flowRunGraphs().graph(...)} (the dialect's nodes query,
 * the edges matched from the task inputs, plus the run, its artifacts and its states, assembled into a
 * {@link FlowRunGraph}) against a hand-written JDBC floor that runs only the dialect's nodes query
 * ({@link RunGraphSql} of the dialect provider), bound by hand, reads every row and builds the same
 * window and lists by hand. One graph per timed run; the figure is the median of the rounds.
 *
 * <p>The run is {@code FlowRunGraphContract}'s measured one: branches of 100 task runs, each task taking
 * its predecessor's result and encapsulated by its branch's first task, each branch's last task a
 * subflow.
 */
final class GraphBenchmark {
    static final double TARGET_SECONDS = 0.100;
    static final int BRANCH = 100;
    /** The named parameter of {@link RunGraphSql}; {@code ::} casts are not parameters. */
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):(flow_run_id)\\b");
    private static final JsonFactory JSON = new JsonFactory();
    /**
     * Before every node's end: a later read's window that still holds the whole graph, so that it reads
     * the nodes of the window and then those that ended before it (none here).
     */
    private static final Instant WINDOW_SINCE = Instant.parse("2000-01-01T00:00:00Z");
    /**
     * Graphs each path builds before the timed rounds: with one, both paths were still getting faster
     * (the JIT compiling them) through all 21 rounds.
     */
    static final int WARM_UP_GRAPHS = 30;
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private GraphBenchmark() {
    }

    /** The comparison (graphs/s, so higher is better as everywhere) and Stratum's median time against the target. */
    record Result(Comparison comparison, Timing timing) {
    }

    static Result measure(Dialect dialect, int taskRuns, int rounds) throws Exception {
        try (BenchDatabase database = BenchDatabase.create(dialect, 2)) {
            UUID runId = seed(database, taskRuns);
            FlowRunGraphs graphs = database.db().queries().flowRunGraphs();
            RunGraphSql sql = runGraphSql(dialect);
            Workload stratum = () -> check(graphs, database, runId, null, taskRuns);
            Workload windowed = () -> check(graphs, database, runId, WINDOW_SINCE, taskRuns);
            Workload jdbc = () -> check(jdbcGraph(database, sql, runId, null), taskRuns);
            Comparison comparison = Comparison.measure("Flow run graph", dialect.id(),
                    String.format("%,d task runs (%,d subflows), median of %d", taskRuns, taskRuns / BRANCH, rounds),
                    "graphs/s", 0.9, rounds, new Comparison.Path("Stratum", stratum, repeated(stratum)),
                    new Comparison.Path("JDBC", jdbc, repeated(jdbc)),
                    List.of(new Comparison.Path("Stratum, a later read's window (since before every end)", windowed,
                            repeated(windowed))));
            double seconds = 1 / comparison.stratum();
            Console.progress(String.format("Flow run graph · %s: %.1f ms (JDBC floor %.1f ms), target < %.0f ms: %s",
                    dialect.id(), seconds * 1e3, 1e3 / comparison.jdbc(), TARGET_SECONDS * 1e3,
                    seconds < TARGET_SECONDS ? "met" : "missed"));
            Timing timing = new Timing("Flow run graph", dialect.id(), String.format(
                    "flow run graph of %,d task runs, `flowRunGraphs().graph(...)`", taskRuns), seconds, TARGET_SECONDS,
                    String.format("JDBC floor (nodes query, graph built by hand) %.1f ms", 1e3 / comparison.jdbc()));
            return new Result(comparison, timing);
        }
    }

    /** The first read of the graph ({@code since} null) or a later one's window. */
    private static long check(FlowRunGraphs graphs, BenchDatabase database, UUID runId, Instant since, int taskRuns) {
        FlowRunGraph graph = database.db().sessionContext(false, false, session ->
                graphs.graph(session, runId, since, FlowRunGraphs.DEFAULT_MAX_NODES, 100));
        return check(graph.nodes().size(), taskRuns);
    }

    private static Workload repeated(Workload graph) {
        return () -> {
            long graphs = 0;
            for (int i = 0; i < WARM_UP_GRAPHS; i++) {
                graphs += graph.run();
            }
            return graphs;
        };
    }

    private static long check(int nodes, int taskRuns) {
        if (nodes != taskRuns) {
            throw new IllegalStateException("The graph has " + nodes + " nodes of " + taskRuns + " task runs");
        }
        return 1;
    }

    /** A flow run with {@code taskRuns} COMPLETED task runs, edges and subflows; returns its id. */
    private static UUID seed(BenchDatabase database, int taskRuns) {
        FlowEntity flow = new FlowEntity("graph-flow");
        FlowEntity childFlow = new FlowEntity("graph-child-flow");
        database.db().inTransaction(session -> {
            session.persist(flow);
            session.persist(childFlow);
            return null;
        });
        FlowRunEntity run = new FlowRunEntity(flow.getId());
        run.setName("graph-run");
        run.setStateType(StateType.COMPLETED);
        run.setStateName("Completed");
        run.setStartTime(BASE);
        run.setEndTime(BASE.plusSeconds(taskRuns + 120L));
        database.db().inTransaction(session -> {
            session.persist(run);
            return null;
        });
        List<TaskRunEntity> tasks = new ArrayList<>(taskRuns);
        List<FlowRunEntity> subflows = new ArrayList<>();
        TaskRunEntity previous = null;
        TaskRunEntity branchHead = null;
        for (int i = 0; i < taskRuns; i++) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("n", List.of());
            if (previous != null && i % BRANCH != 0) {
                inputs.put("x", List.of(reference(previous.getId())));
                inputs.put("__parents__", List.of(reference(branchHead.getId())));
            }
            TaskRunEntity task = new TaskRunEntity(run.getId(), "task-" + i, "task-" + i);
            task.setName("task-" + i);
            task.setStateType(StateType.COMPLETED);
            task.setStateName("Completed");
            task.setExpectedStartTime(BASE.plusSeconds(i).minusNanos(1_000));
            task.setStartTime(BASE.plusSeconds(i));
            task.setEndTime(BASE.plusSeconds(60L + i));
            task.setTaskInputs(inputs);
            if (i % BRANCH == 0) {
                branchHead = task;
            }
            if (i % BRANCH == BRANCH - 1) {
                FlowRunEntity subflow = new FlowRunEntity(childFlow.getId());
                subflow.setParentTaskRunId(task.getId());
                subflow.setStartTime(BASE.plusSeconds(i));
                subflows.add(subflow);
            }
            tasks.add(task);
            previous = task;
        }
        for (int from = 0; from < tasks.size(); from += 1_000) {
            persistAll(database, tasks.subList(from, Math.min(tasks.size(), from + 1_000)));
        }
        persistAll(database, subflows);
        if (Dialects.POSTGRESQL.equals(database.dialect())) {
            database.execute("ANALYZE task_run", "ANALYZE flow_run");
        }
        return run.getId();
    }

    private static void persistAll(BenchDatabase database, List<?> entities) {
        database.db().inTransaction(session -> {
            entities.forEach(session::persist);
            return null;
        });
    }

    private static Map<String, Object> reference(UUID id) {
        Map<String, Object> argument = new LinkedHashMap<>();
        argument.put("input_type", "task_run");
        argument.put("id", id.toString());
        return argument;
    }

    /** The dialect provider's graph SQL: the floor runs exactly the query Stratum runs. */
    private static RunGraphSql runGraphSql(Dialect dialect) {
        for (DialectProvider provider : ServiceLoader.load(DialectProvider.class, GraphBenchmark.class.getClassLoader())) {
            if (provider.dialect().equals(dialect)) {
                return provider.runGraphSql();
            }
        }
        throw new IllegalStateException("No run graph SQL for " + dialect);
    }

    /**
     * The floor: the provider's nodes query bound by hand, every column of every row read, and the graph
     * built by hand, as plainly as it can be: the window and its order, each node's task inputs read once
     * with a streaming JSON parser, every argument naming a node made an edge, each kind of list sorted
     * once; then the rest of the graph (the run's times, its artifacts, its states) read on the same
     * connection. Returns the number of nodes in the window.
     */
    private static int jdbcGraph(BenchDatabase database, RunGraphSql sql, UUID runId, Instant since) throws SQLException {
        JdbcValues values = database.values();
        List<String> order = new ArrayList<>();
        Matcher parameter = PARAMETER.matcher(sql.nodesQuery());
        StringBuilder jdbcSql = new StringBuilder();
        while (parameter.find()) {
            order.add(parameter.group(1));
            parameter.appendReplacement(jdbcSql, "?");
        }
        parameter.appendTail(jdbcSql);
        List<Row> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(jdbcSql.toString())) {
            for (int i = 0; i < order.size(); i++) {
                if (!order.get(i).equals("flow_run_id")) {
                    throw new IllegalStateException(order.get(i));
                }
                values.uuid(query, i + 1, runId);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getString(1), values.readUuid(row, 2), row.getString(3), row.getString(4),
                            row.getString(5), values.readTimestamp(row, 6), values.readTimestamp(row, 7),
                            sql.readTaskInputs(row, 8)));
                }
            }
            readTheRest(connection, values, runId);
        }
        int count = rows.size();
        List<Row> window = new ArrayList<>();
        for (Row row : rows) {
            if (since == null || row.end() == null || !row.end().isBefore(since)) {
                window.add(row);
            }
        }
        window.sort(Comparator.comparing(Row::start).thenComparing(Row::end, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Row::id, GraphBenchmark::compareIds));
        Integer[] byRank = new Integer[count];
        for (int i = 0; i < count; i++) {
            byRank[i] = i;
        }
        Arrays.sort(byRank, Comparator.comparing((Integer i) -> rows.get(i).start())
                .thenComparing(i -> rows.get(i).id(), GraphBenchmark::compareIds));
        int[] rank = new int[count];
        Map<UUID, Integer> indexOf = new HashMap<>(count * 2);
        for (int r = 0; r < count; r++) {
            rank[byRank[r]] = r;
            indexOf.put(rows.get(byRank[r]).id(), byRank[r]);
        }
        long[][] edges = {new long[16], new long[16], new long[16]}; // parents, children, encapsulating
        int[] sizes = new int[3];
        for (int child = 0; child < count; child++) {
            String inputs = rows.get(child).inputs();
            if (inputs == null || inputs.length() <= 2) {
                continue;
            }
            try (JsonParser json = JSON.createParser(inputs)) {
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    continue;
                }
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    boolean encapsulating = json.currentName().equals("__parents__");
                    if (json.nextToken() != JsonToken.START_ARRAY) {
                        json.skipChildren();
                        continue;
                    }
                    for (JsonToken argument = json.nextToken(); argument != JsonToken.END_ARRAY; argument = json.nextToken()) {
                        String id = null;
                        if (argument == JsonToken.START_OBJECT) {
                            while (json.nextToken() == JsonToken.FIELD_NAME) {
                                boolean isId = id == null && json.currentName().equals("id");
                                if (json.nextToken() == JsonToken.VALUE_STRING && isId) {
                                    id = json.getText();
                                }
                                json.skipChildren();
                            }
                        } else {
                            json.skipChildren();
                        }
                        Integer parent = id == null || id.length() != 36 ? null : indexOf.get(UUID.fromString(id));
                        if (parent == null) {
                            continue;
                        }
                        if (encapsulating) {
                            add(edges, sizes, 2, (long) child << 32 | rank[parent]);
                        } else {
                            add(edges, sizes, 0, (long) child << 32 | rank[parent]);
                            add(edges, sizes, 1, (long) parent << 32 | rank[child]);
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("Task inputs that are not JSON: " + inputs, e);
            }
        }
        List<Map<Integer, List<UUID>>> lists = new ArrayList<>();
        long listed = 0;
        for (int kind = 0; kind < 3; kind++) {
            long[] sorted = Arrays.copyOf(edges[kind], sizes[kind]);
            Arrays.sort(sorted);
            lists.add(new HashMap<>());
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    lists.get(kind).computeIfAbsent((int) (sorted[i] >>> 32), owner -> new ArrayList<>())
                            .add(rows.get(byRank[(int) sorted[i]]).id());
                    listed++;
                }
            }
        }
        if (window.size() > 1 && listed == 0) {
            throw new IllegalStateException("The graph of " + window.size() + " nodes has no edges");
        }
        return window.size();
    }

    /**
     * What the graph holds besides its nodes, read as Stratum's graph reads it: the run's times, its
     * first 100 artifacts that are not results (with whether each is its key's latest), its states.
     */
    private static void readTheRest(Connection connection, JdbcValues values, UUID runId) throws SQLException {
        List<Object> read = new ArrayList<>();
        try (PreparedStatement run = connection.prepareStatement(
                "SELECT start_time, expected_start_time, end_time FROM flow_run WHERE id = ?")) {
            values.uuid(run, 1, runId);
            try (ResultSet row = run.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("No flow run " + runId);
                }
                read.add(values.readTimestamp(row, 1));
                read.add(values.readTimestamp(row, 2));
                read.add(values.readTimestamp(row, 3));
            }
        }
        try (PreparedStatement artifacts = connection.prepareStatement("SELECT a.id, a.created, a.key, a.type, a.data,"
                + " a.task_run_id, c.id FROM artifact a LEFT JOIN artifact_collection c ON c.key = a.key"
                + " AND c.latest_id = a.id WHERE a.flow_run_id = ? AND a.type <> 'result' ORDER BY a.created, a.id"
                + " LIMIT 100")) {
            values.uuid(artifacts, 1, runId);
            try (ResultSet row = artifacts.executeQuery()) {
                while (row.next()) {
                    read.add(List.of(values.readUuid(row, 1), values.readTimestamp(row, 2), String.valueOf(row.getString(3)),
                            row.getString(4), String.valueOf(row.getString(5)), String.valueOf(row.getString(6)),
                            row.getString(7) != null));
                }
            }
        }
        try (PreparedStatement states = connection.prepareStatement("SELECT id, timestamp, type, name FROM flow_run_state"
                + " WHERE flow_run_id = ? ORDER BY timestamp, id")) {
            values.uuid(states, 1, runId);
            try (ResultSet row = states.executeQuery()) {
                while (row.next()) {
                    read.add(List.of(values.readUuid(row, 1), values.readTimestamp(row, 2), row.getString(3),
                            row.getString(4)));
                }
            }
        }
    }

    private static void add(long[][] edges, int[] sizes, int kind, long edge) {
        if (sizes[kind] == edges[kind].length) {
            edges[kind] = Arrays.copyOf(edges[kind], sizes[kind] * 2);
        }
        edges[kind][sizes[kind]++] = edge;
    }

    /** Ids in the order of their text, as both databases order them. */
    private static int compareIds(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** A row of the nodes query. */
    private record Row(String kind, UUID id, String label, String stateType, String stateName, Instant start,
                       Instant end, String inputs) {
    }
}
