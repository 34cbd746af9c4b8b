package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.query.SqlFragment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryBuildersPostgresTest extends QueryBuildersContract {
    static final String GIN_INDEX = "ix_events__related_resource_ids_gin";

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    boolean usesJsonStrings() {
        return false;
    }

    /**
     * Has-any and has-all are written as the operators ({@code ??|} and {@code ??&} escaped for the driver),
     * so PostgreSQL serves them from the GIN index of the column; the functions behind the operators,
     * which Stratum used before, are opaque to the planner and scan the table.
     */
    @Test
    void hasAnyAndHasAllUseTheGinIndex() {
        List<String> plans = db.inTransaction(session -> {
            Connection connection = session.unwrap(Connection.class);
            try (PreparedStatement seed = connection.prepareStatement("INSERT INTO events (occurred, event, resource_id,"
                    + " resource, related_resource_ids, payload, received, recorded)"
                    + " SELECT now(), 'e', 'r' || i, '{}', jsonb_build_array('id-' || i, 'id-' || (i % 10)), '{}', now(), now()"
                    + " FROM generate_series(1, 5000) AS i")) {
                seed.executeUpdate();
            }
            try (PreparedStatement analyze = connection.prepareStatement("ANALYZE events");
                 PreparedStatement noSeqScan = connection.prepareStatement("SET LOCAL enable_seqscan = off")) {
                analyze.execute();
                noSeqScan.execute();
            }
            SqlFragment column = SqlFragment.of("related_resource_ids");
            return List.of(
                    explain(connection, sql.jsonHasAny(column, List.of("id-7", "id-4000"))),
                    explain(connection, sql.jsonHasAll(column, List.of("id-7", "id-4000"))),
                    explain(connection, helpers.jsonHasAny("related_resource_ids", List.of("id-7"))),
                    explain(connection, sql.jsonContains(column, sql.json("[\"id-7\"]"))),
                    explain(connection, new SqlFragment("jsonb_exists_any(related_resource_ids, ARRAY[CAST(? AS text)])",
                            List.of("id-7"))));
        });
        assertThat(plans.subList(0, 4)).allSatisfy(plan -> assertThat(plan).contains(GIN_INDEX));
        assertThat(plans.get(4)).doesNotContain(GIN_INDEX);

        // And the answers: 500 events relate to id-7 (every tenth), one to id-4000 as well.
        long any = db.sessionContext(false, false, session -> count(session, sql.jsonHasAny(SqlFragment.of("related_resource_ids"),
                List.of("id-7", "id-4000"))));
        long all = db.sessionContext(false, false, session -> count(session, sql.jsonHasAll(SqlFragment.of("related_resource_ids"),
                List.of("id-7", "id-4000"))));
        assertThat(any).isEqualTo(501);
        assertThat(all).isZero();
    }

    static long count(jakarta.persistence.EntityManager session, SqlFragment predicate) {
        jakarta.persistence.Query query = session.createNativeQuery("SELECT count(*) FROM events WHERE " + predicate.sql());
        predicate.bindTo(query, 1);
        return ((Number) query.getSingleResult()).longValue();
    }

    static String explain(Connection connection, SqlFragment predicate) {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN SELECT id FROM events WHERE " + predicate.sql())) {
            int index = 1;
            for (Object value : predicate.parameters()) {
                explain.setObject(index++, value);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
