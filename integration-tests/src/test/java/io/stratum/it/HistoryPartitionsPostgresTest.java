package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPartitionsPostgresTest extends HistoryPartitionsContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    @Override
    boolean partitions() {
        return true;
    }

    @Override
    List<String> partitionsOf(String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT c.relname FROM pg_inherits i "
                + "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n "
                + "ON n.oid = p.relnamespace WHERE n.nspname = current_schema() AND p.relname = ? ORDER BY 1")) {
            s.setString(1, table);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    @Test
    void theDriftCheckReportsAPartitionStratumDoesNotMake() throws Exception {
        enable(0);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE log_extra PARTITION OF log FOR VALUES FROM ('2000-01-01 00:00:00+00') "
                    + "TO ('2000-01-03 00:00:00+00')");
        }
        assertThat(db.verifySchema().problems()).containsExactly(
                "table log_extra is a partition of log from 2000-01-01T00:00:00Z to 2000-01-03T00:00:00Z, not one UTC day");
    }

    @Test
    void theKeysHoldThePartitionKeyAndEveryIndexKeepsItsName() throws Exception {
        enable(0);
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'pk_events'")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("PRIMARY KEY (id, occurred)");
        }
        partitions.disable();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'pk_events'")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("PRIMARY KEY (id)");
        }
    }
}
