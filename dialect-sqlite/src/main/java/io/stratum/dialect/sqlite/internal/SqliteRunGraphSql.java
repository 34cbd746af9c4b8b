package io.stratum.dialect.sqlite.internal;

import io.stratum.api.StratumException;
import io.stratum.api.spi.RunGraphSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The flow run graph in one SQLite query: {@code json_each} twice (inputs, then their arguments) gives
 * the edges, {@code json_group_array} the lists. The reference's SQLite lists come in no particular
 * order; here each is built as a window function over its ordered partition, which SQLite steps
 * through in the window's order (SQLite 3.25+; an {@code ORDER BY} inside an aggregate would need 3.44),
 * so the lists come out exactly as PostgreSQL's ordered {@code array_agg}s.
 */
public final class SqliteRunGraphSql implements RunGraphSql {
    private static final String WHOLE_PARTITION = " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING";

    private static final String QUERY = "WITH " + NODES + ","
            + " edges AS ("
            + " SELECT DISTINCT child.id AS child_id, child.start_time AS child_start,"
            + " parent.id AS parent_id, parent.start_time AS parent_start,"
            + " input.key = '__parents__' AS encapsulating"
            + " FROM nodes child"
            // The guards PostgreSQL needs (inputs an object, arguments an array, an argument an object),
            // so that both databases read the same edges out of odd task inputs.
            + " JOIN json_each(CASE WHEN json_type(child.task_inputs) = 'object' THEN child.task_inputs ELSE '{}' END)"
            + " AS input"
            + " JOIN json_each(CASE WHEN input.type = 'array' THEN input.value ELSE '[]' END) AS argument"
            + " JOIN nodes parent ON parent.id"
            + " = lower(CASE WHEN argument.type = 'object' THEN json_extract(argument.value, '$.id') END)),"
            + " parent_lists AS (SELECT DISTINCT child_id AS id, json_group_array(parent_id)"
            + " OVER (PARTITION BY child_id ORDER BY parent_start, parent_id" + WHOLE_PARTITION + ") AS ids"
            + " FROM edges WHERE NOT encapsulating),"
            + " child_lists AS (SELECT DISTINCT parent_id AS id, json_group_array(child_id)"
            + " OVER (PARTITION BY parent_id ORDER BY child_start, child_id" + WHOLE_PARTITION + ") AS ids"
            + " FROM edges WHERE NOT encapsulating),"
            + " encapsulating_lists AS (SELECT DISTINCT child_id AS id, json_group_array(parent_id)"
            + " OVER (PARTITION BY child_id ORDER BY parent_start, parent_id" + WHOLE_PARTITION + ") AS ids"
            + " FROM edges WHERE encapsulating)"
            + SELECT_NODES;

    @Override
    public String graphQuery() {
        return QUERY;
    }

    /** A {@code json_group_array} of ids: {@code ["…","…"]}; UUID text holds no quote, comma or escape. */
    @Override
    public List<UUID> readIds(ResultSet row, int column) throws SQLException {
        String json = row.getString(column);
        if (json == null) {
            return List.of();
        }
        String body = json.trim();
        if (body.length() < 2 || body.charAt(0) != '[' || body.charAt(body.length() - 1) != ']') {
            throw new StratumException("The flow run graph query returned an id list that is not a JSON array: " + json);
        }
        body = body.substring(1, body.length() - 1).trim();
        List<UUID> ids = new ArrayList<>();
        if (body.isEmpty()) {
            return ids;
        }
        for (String element : body.split(",")) {
            String text = element.trim();
            if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
                throw new StratumException("The flow run graph query returned an id list holding a non-string: " + json);
            }
            ids.add(UUID.fromString(text.substring(1, text.length() - 1)));
        }
        return ids;
    }
}
