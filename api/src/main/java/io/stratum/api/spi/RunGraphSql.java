package io.stratum.api.spi;

import io.stratum.api.Api;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of the flow run graph (reference {@code _build_flow_run_graph_v2_query}): one query per
 * graph. The shared implementation binds the named parameters {@code :flow_run_id} (UUID),
 * {@code :since} (timestamp, never null) and {@code :max_nodes} (integer, the caller's limit plus one,
 * so that a graph too large shows), reads the flow run, its artifacts and states itself, and assembles
 * the graph.
 *
 * <p>The query returns one row per node, at most {@code :max_nodes}, with the columns {@code kind}
 * ({@code 'flow-run'} or {@code 'task-run'}), {@code id}, {@code label}, {@code state_type},
 * {@code state_name}, {@code start_time}, {@code end_time}, {@code parent_ids}, {@code child_ids},
 * {@code encapsulating_ids}, in this order, as {@link io.stratum.api.query.FlowRunGraphs#graph}
 * describes each (nodes, edges, window, order); the three id lists are read with {@link #readIds}. Both
 * databases must give the same rows in the same order, lists included: every order is total (ties
 * broken by id), and each list names a node once, ordered by that node's start, then id.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface RunGraphSql {

    /**
     * {@code nodes AS MATERIALIZED (…)}, to follow {@code WITH}: the graph's candidate nodes in standard
     * SQL, written once for every dialect. Materialized, so that the edges join the computed rows (SQLite
     * would otherwise inline the view at each use and recompute every node per argument). One row per task run of {@code :flow_run_id} not in PENDING (nor without a
     * state type) with a start, shown as the subflow run that points at it if there is one; the columns
     * of the graph query up to {@code end_time}, then {@code task_inputs} for the dialect's edges.
     */
    String NODES = "nodes AS MATERIALIZED ("
            + " SELECT CASE WHEN sub.id IS NULL THEN 'task-run' ELSE 'flow-run' END AS kind,"
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
            + " AND coalesce(sub.start_time, sub.expected_start_time, tr.start_time, tr.expected_start_time) IS NOT NULL)";

    /**
     * The graph query's final SELECT, in standard SQL, written once for every dialect: the nodes of
     * {@link #NODES} with their lists from the common table expressions {@code parent_lists},
     * {@code child_lists} and {@code encapsulating_lists} (columns {@code id, ids}; no row = no edges)
     * that the dialect defines, inside the {@code since} window, in graph order, at most {@code :max_nodes}.
     */
    String SELECT_NODES = " SELECT n.kind, n.id, n.label, n.state_type, n.state_name, n.start_time, n.end_time,"
            + " p.ids AS parent_ids, c.ids AS child_ids, e.ids AS encapsulating_ids"
            + " FROM nodes n"
            + " LEFT JOIN parent_lists p ON p.id = n.id"
            + " LEFT JOIN child_lists c ON c.id = n.id"
            + " LEFT JOIN encapsulating_lists e ON e.id = n.id"
            + " WHERE n.end_time IS NULL OR n.end_time >= :since"
            + " ORDER BY n.start_time, n.end_time NULLS LAST, n.id"
            + " LIMIT :max_nodes";

    /** The graph query. */
    String graphQuery();

    /** An id list column of the graph query, in the query's order; empty for SQL NULL (no edges). */
    List<UUID> readIds(ResultSet row, int column) throws SQLException;
}
