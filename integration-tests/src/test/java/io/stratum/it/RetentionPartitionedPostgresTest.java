package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole retention contract again with log, events and event_resources in day partitions: the same
 * rows go, the same counts are reported, and every batch still finds its rows through the reference's
 * indexes (on a partition, through the partition's part of them).
 */
class RetentionPartitionedPostgresTest extends RetentionPostgresTest {
    private static final Pattern INDEX = Pattern.compile("using (\\w+)");

    /** Runs after the contract's own {@code open()}: the migrated database is turned into the partitioned form. */
    @BeforeEach
    void partition() {
        db.historyPartitions().enable(1);
        assertThat(db.historyPartitions().enabled()).isTrue();
    }

    /** The plan with each partition's index named by the partitioned table's index it belongs to. */
    @Override
    List<String> plan(Connection connection, String sql, List<Object> parameters, boolean asPlanned) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : super.plan(connection, sql, parameters, asPlanned)) {
            Matcher index = INDEX.matcher(line);
            lines.add(index.find() ? line.replace(index.group(1), parentIndex(connection, index.group(1))) : line);
        }
        return lines;
    }

    private static String parentIndex(Connection connection, String index) throws Exception {
        try (PreparedStatement s = connection.prepareStatement("SELECT p.relname FROM pg_inherits i JOIN pg_class c "
                + "ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE c.relname = ?")) {
            s.setString(1, index);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? row.getString(1) : index;
            }
        }
    }

    /** A scan of any of the table's partitions reads every row of it too. */
    @Override
    boolean scans(String planLine, String table) {
        return planLine.toLowerCase(Locale.ROOT).matches(".*seq scan on " + table + "(_p\\d{8}|_default)?\\b.*");
    }
}
