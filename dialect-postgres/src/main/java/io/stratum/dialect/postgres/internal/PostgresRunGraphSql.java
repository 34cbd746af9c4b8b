package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.RunGraphSql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The flow run graph in one PostgreSQL query: {@code jsonb_each} over each node's {@code task_inputs}
 * and {@code jsonb_array_elements} over each input's arguments give the edges, ordered
 * {@code array_agg}s the lists.
 *
 * <p>Unlike the reference, which joins every (task run, input, argument) row with every other and
 * then keeps one row per node ({@code DISTINCT ON}), the nodes are one row per task run to begin with
 * and the edges are distinct (child, parent, kind) pairs, so no list repeats a node and no row needs
 * collapsing. An argument id is matched as text, so a malformed id in a task input matches nothing
 * instead of failing the whole graph on a cast.
 */
public final class PostgresRunGraphSql implements RunGraphSql {
    private static final String QUERY = "WITH " + NODES + ","
            // Every argument of every node's inputs, materialised before it is matched with the nodes: the
            // planner guesses 100 rows per jsonb_each and per jsonb_array_elements, 10,000 per node, and
            // joining inline it hashed that guess (1.5 s instead of 85 ms for 5,000 task runs).
            + " arguments AS MATERIALIZED ("
            + " SELECT child.id AS child_id, child.start_time AS child_start,"
            + " lower(argument.value ->> 'id') AS parent_key, input.key = '__parents__' AS encapsulating"
            + " FROM nodes child"
            // Guards instead of errors: jsonb_each needs an object, jsonb_array_elements an array.
            + " CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(child.task_inputs) = 'object'"
            + " THEN child.task_inputs ELSE '{}' END) AS input"
            + " CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(input.value) = 'array'"
            + " THEN input.value ELSE '[]' END) AS argument),"
            + " edges AS ("
            + " SELECT DISTINCT a.child_id, a.child_start, parent.id AS parent_id, parent.start_time AS parent_start,"
            + " a.encapsulating"
            + " FROM arguments a JOIN nodes parent ON parent.id::text = a.parent_key),"
            + " parent_lists AS (SELECT child_id AS id, array_agg(parent_id ORDER BY parent_start, parent_id) AS ids"
            + " FROM edges WHERE NOT encapsulating GROUP BY child_id),"
            + " child_lists AS (SELECT parent_id AS id, array_agg(child_id ORDER BY child_start, child_id) AS ids"
            + " FROM edges WHERE NOT encapsulating GROUP BY parent_id),"
            + " encapsulating_lists AS (SELECT child_id AS id, array_agg(parent_id ORDER BY parent_start, parent_id) AS ids"
            + " FROM edges WHERE encapsulating GROUP BY child_id)"
            + SELECT_NODES;

    @Override
    public String graphQuery() {
        return QUERY;
    }

    @Override
    public List<UUID> readIds(ResultSet row, int column) throws SQLException {
        Array ids = row.getArray(column);
        if (ids == null) {
            return List.of();
        }
        try {
            return Arrays.asList((UUID[]) ids.getArray());
        } finally {
            ids.free();
        }
    }
}
