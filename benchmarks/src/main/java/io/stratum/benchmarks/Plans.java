package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Query plans as the database gives them (EXPLAIN; EXPLAIN QUERY PLAN on SQLite), with their parameters bound. */
final class Plans {
    private Plans() {
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws Exception;
    }

    static String explain(BenchDatabase database, String sql, Binder binder) throws Exception {
        boolean postgres = Dialects.POSTGRESQL.equals(database.dialect());
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement explain = connection.prepareStatement((postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql)) {
            binder.bind(explain);
            List<String> lines = new ArrayList<>();
            try (ResultSet row = explain.executeQuery()) {
                while (row.next()) {
                    lines.add(postgres ? row.getString(1) : "id " + row.getInt(1) + " parent " + row.getInt(2) + ": "
                            + row.getString(4));
                }
            }
            return String.join("\n", lines);
        }
    }

    /**
     * Whether every read of flow_run searches an index: no sequential scan of it on PostgreSQL; on SQLite
     * no {@code SCAN} of it at all (a scan in index order still reads every row until it finds its rows).
     */
    static boolean flowRunOnIndex(Dialect dialect, String plan) {
        for (String line : plan.split("\n")) {
            String text = line.toLowerCase(Locale.ROOT);
            if (Dialects.POSTGRESQL.equals(dialect)) {
                if (text.contains("seq scan on flow_run ")) {
                    return false;
                }
            } else if (text.matches(".*\\bscan (flow_run|fr)\\b.*")) {
                return false;
            }
        }
        return true;
    }
}
