package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import io.stratum.api.model.StateType;
import io.stratum.api.query.FlowRunGraph;
import io.stratum.api.query.FlowRunGraphs;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.RunGraphSql;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.TaskRunEntity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 8: the flow run graph of one run of many task runs (issue 15: 5,000 task runs in under
 * 100 ms on both databases). Stratum's {@code flowRunGraphs().graph(...)} (the dialect's graph query,
 * plus the run, its artifacts and its states, assembled into a {@link FlowRunGraph}) against a
 * hand-written JDBC floor that runs only the dialect's graph query ({@link RunGraphSql} of the dialect
 * provider), bound by hand, and reads every row and id list. One graph per timed run; the figure is the
 * median of the rounds.
 *
 * <p>The run is {@code FlowRunGraphContract}'s measured one: branches of 100 task runs, each task taking
 * its predecessor's result and encapsulated by its branch's first task, each branch's last task a
 * subflow.
 */
final class GraphBenchmark {
    static final double TARGET_SECONDS = 0.100;
    static final int BRANCH = 100;
    /** The named parameters of {@link RunGraphSql}; {@code ::} casts are not parameters. */
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):(flow_run_id|since|max_nodes)\\b");
    /** Before every node's end: the window holds the whole graph, as a first read does. */
    private static final Instant SINCE = Instant.parse("2000-01-01T00:00:00Z");
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
            Workload stratum = () -> {
                FlowRunGraph graph = database.db().sessionContext(false, false, session ->
                        graphs.graph(session, runId, SINCE, FlowRunGraphs.DEFAULT_MAX_NODES, 100));
                return check(graph.nodes().size(), taskRuns);
            };
            Workload jdbc = () -> check(jdbcGraph(database, sql, runId), taskRuns);
            Comparison comparison = Comparison.measure("Flow run graph", dialect.id(),
                    String.format("%,d task runs (%,d subflows), median of %d", taskRuns, taskRuns / BRANCH, rounds),
                    "graphs/s", 0.9, rounds, stratum, jdbc);
            double seconds = 1 / comparison.stratum();
            Console.progress(String.format("Flow run graph · %s: %.1f ms (JDBC floor %.1f ms), target < %.0f ms: %s",
                    dialect.id(), seconds * 1e3, 1e3 / comparison.jdbc(), TARGET_SECONDS * 1e3,
                    seconds < TARGET_SECONDS ? "met" : "missed"));
            Timing timing = new Timing("Flow run graph", dialect.id(), String.format(
                    "flow run graph of %,d task runs, `flowRunGraphs().graph(...)`", taskRuns), seconds, TARGET_SECONDS,
                    String.format("JDBC floor (graph query only) %.1f ms", 1e3 / comparison.jdbc()));
            return new Result(comparison, timing);
        }
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

    /** The graph query bound by hand, every column of every row read; returns the number of nodes. */
    private static int jdbcGraph(BenchDatabase database, RunGraphSql sql, UUID runId) throws SQLException {
        JdbcValues values = database.values();
        List<String> order = new ArrayList<>();
        Matcher parameter = PARAMETER.matcher(sql.graphQuery());
        StringBuilder jdbcSql = new StringBuilder();
        while (parameter.find()) {
            order.add(parameter.group(1));
            parameter.appendReplacement(jdbcSql, "?");
        }
        parameter.appendTail(jdbcSql);
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(jdbcSql.toString())) {
            for (int i = 0; i < order.size(); i++) {
                switch (order.get(i)) {
                    case "flow_run_id" -> values.uuid(query, i + 1, runId);
                    case "since" -> values.timestamp(query, i + 1, SINCE);
                    case "max_nodes" -> query.setInt(i + 1, FlowRunGraphs.DEFAULT_MAX_NODES + 1);
                    default -> throw new IllegalStateException(order.get(i));
                }
            }
            int nodes = 0;
            long edges = 0;
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    row.getString(1);
                    values.readUuid(row, 2);
                    row.getString(3);
                    row.getString(4);
                    row.getString(5);
                    values.readTimestamp(row, 6);
                    values.readTimestamp(row, 7);
                    edges += sql.readIds(row, 8).size() + sql.readIds(row, 9).size() + sql.readIds(row, 10).size();
                    nodes++;
                }
            }
            if (nodes > 1 && edges == 0) {
                throw new IllegalStateException("The graph query returned " + nodes + " nodes and no edges");
            }
            return nodes;
        }
    }
}
