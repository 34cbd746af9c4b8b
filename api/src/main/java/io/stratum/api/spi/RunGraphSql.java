package io.stratum.api.spi;

import io.stratum.api.Api;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The SQL of the flow run graph (reference {@code _build_flow_run_graph_v2_query}): one query per graph
 * that reads the run's candidate nodes with their task inputs. The shared implementation binds the
 * named parameter {@code :flow_run_id} (UUID) and reads the query as a subquery by its column names,
 * the window's nodes first with the reference's cut-off ({@code SELECT * FROM (…) n WHERE n.end_time
 * IS NULL OR n.end_time >= :since LIMIT :limit}, at most {@code maxNodes + 1} rows, so that a run far
 * larger than the limit is refused without reading it) and then, if they fit, the nodes that ended
 * before {@code since} (the window's nodes may name them); it reads the flow run, its artifacts and states itself, and
 * builds the graph from the rows, once for every database: it matches each node's task inputs with the
 * other nodes (the edges), orders the lists and the nodes, applies the {@code since} window and the
 * {@code maxNodes} limit, as {@link io.stratum.api.query.FlowRunGraphs#graph} describes.
 *
 * <p>The edges are matched in Java, not in SQL, because that is where they are cheap: for a run of
 * 5,000 task runs, PostgreSQL spent about 85 ms of CPU unpacking {@code task_inputs} with
 * {@code jsonb_each}/{@code jsonb_array_elements}, joining the arguments with the nodes and aggregating
 * ordered id arrays, and SQLite about 100 ms with {@code json_each} and window aggregates, where reading
 * the nodes takes under 10 ms on either and matching their inputs in memory a few more (benchmark 8,
 * {@code docs/benchmarks.md}).
 */
@Api(Api.Status.EXPERIMENTAL)
public interface RunGraphSql {

    /**
     * The nodes query in standard SQL, the same for every database: one row per task run of
     * {@code :flow_run_id} not in PENDING (nor without a state type) with a start, shown as the subflow
     * run that points at it if there is one, in no particular order. Columns, in this order:
     * {@code kind} ({@code 'flow-run'} or {@code 'task-run'}), {@code id}, {@code label},
     * {@code state_type}, {@code state_name}, {@code start_time}, {@code end_time} (the node's, as
     * {@link io.stratum.api.query.FlowRunGraphs#graph} defines them) and {@code task_inputs} (the task
     * run's, read with {@link #readTaskInputs}).
     */
    String NODES_QUERY = "SELECT CASE WHEN sub.id IS NULL THEN 'task-run' ELSE 'flow-run' END AS kind,"
            + " coalesce(sub.id, tr.id) AS id,"
            + " coalesce(f.name || ' / ' || sub.name, tr.name) AS label,"
            + " coalesce(sub.state_type, tr.state_type) AS state_type,"
            + " coalesce(sub.state_name, tr.state_name) AS state_name,"
            + " coalesce(sub.start_time, sub.expected_start_time, tr.start_time, tr.expected_start_time) AS start_time,"
            // A cached task run is COMPLETED without times of its own: it ends where it was expected to start.
            + " coalesce(sub.end_time, tr.end_time, CASE WHEN tr.state_type = 'COMPLETED' THEN tr.expected_start_time END)"
            + " AS end_time,"
            + " tr.task_inputs"
            + " FROM task_run tr"
            + " LEFT JOIN flow_run sub ON sub.parent_task_run_id = tr.id"
            + " LEFT JOIN flow f ON f.id = sub.flow_id"
            + " WHERE tr.flow_run_id = :flow_run_id AND tr.state_type <> 'PENDING'"
            + " AND coalesce(sub.start_time, sub.expected_start_time, tr.start_time, tr.expected_start_time) IS NOT NULL";

    /** The nodes query of this database, with the columns of {@link #NODES_QUERY}. */
    String nodesQuery();

    /** The {@code task_inputs} column of a row of the nodes query as JSON text; {@code null} for SQL NULL. */
    String readTaskInputs(ResultSet row, int column) throws SQLException;
}
