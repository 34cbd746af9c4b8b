package io.stratum.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

class RetentionSqliteTest extends RetentionContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    /** EXPLAIN QUERY PLAN, values bound in SQLite's storage forms (UUIDs and timestamps as text). */
    @Override
    List<String> plan(Connection connection, String sql, List<Object> parameters, boolean asPlanned) throws Exception {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                explain.setObject(i + 1, value instanceof UUID || value instanceof Instant ? value.toString() : value);
            }
            try (ResultSet row = explain.executeQuery()) {
                while (row.next()) {
                    lines.add(row.getString(4));
                }
            }
        }
        return lines;
    }

    /**
     * Nothing to gather: Stratum runs no ANALYZE on SQLite, whose planner then goes by the indexes and the
     * statement alone; the plans checked are the ones every SQLite database gets.
     */
    @Override
    void seedVolume(Connection connection, UUID flowId) {
    }

    /** {@code SCAN t} (also {@code SCAN t USING INDEX}, which still walks every row); {@code SEARCH} is an index search. */
    @Override
    boolean scans(String planLine, String table) {
        return planLine.toLowerCase(Locale.ROOT).matches("scan " + table + "\\b.*");
    }
}
