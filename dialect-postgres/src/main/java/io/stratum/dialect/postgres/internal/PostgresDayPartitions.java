package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.DayPartitions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Declarative range partitions by UTC day. A conversion renames the table aside, creates the other form
 * under the table's name with the same columns and defaults, copies the rows, recreates the primary key
 * and every index under their own names ({@code pg_indexes}, so an index a later revision adds travels
 * too) and drops the old table: one transaction, so a failure leaves the table as it was.
 */
final class PostgresDayPartitions implements DayPartitions {
    /** Each table's time column: the partition key. */
    static final Map<String, String> KEYS = Map.of("log", "timestamp", "events", "occurred", "event_resources", "occurred");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** A drop waits this long for its table lock, then gives up: a clean never queues writers behind it for long. */
    static final String DROP_LOCK_TIMEOUT = "5s";

    /** The bounds of every partition of a table, read as instants whatever the session's time zone. */
    private static final String PARTITIONS = "SELECT c.relname, "
            + "substring(pg_get_expr(c.relpartbound, c.oid) from 'FROM \\(''([^'']+)''\\)')::timestamptz, "
            + "substring(pg_get_expr(c.relpartbound, c.oid) from 'TO \\(''([^'']+)''\\)')::timestamptz "
            + "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent "
            + "JOIN pg_namespace n ON n.oid = p.relnamespace "
            + "WHERE n.nspname = current_schema() AND p.relname = ? AND c.relkind IN ('r', 'p')";

    /**
     * Whether a log partition holds a row the reference keeps: one without a run id (an index search), or
     * one of a run that exists, found by walking the partition's distinct run ids (one probe of its
     * {@code flow_run_id} index per run) until the first run that exists.
     */
    private static final String KEPT_LOG = "SELECT EXISTS (SELECT 1 FROM %1$s WHERE flow_run_id IS NULL) OR EXISTS ("
            + "WITH RECURSIVE ids(id) AS ("
            + "(SELECT flow_run_id FROM %1$s WHERE flow_run_id IS NOT NULL ORDER BY flow_run_id LIMIT 1) "
            + "UNION ALL SELECT (SELECT flow_run_id FROM %1$s WHERE flow_run_id > ids.id ORDER BY flow_run_id LIMIT 1) "
            + "FROM ids WHERE ids.id IS NOT NULL) "
            + "SELECT 1 FROM ids WHERE ids.id IS NOT NULL AND EXISTS (SELECT 1 FROM flow_run f WHERE f.id = ids.id))";

    static String dayPartition(String table, LocalDate day) {
        return table + "_p" + DAY.format(day);
    }

    static String defaultPartition(String table) {
        return table + "_default";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(LocalDate day) {
        return "'" + day + " 00:00:00+00'";
    }

    @Override
    public boolean isPartitioned(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relkind = 'p' FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = ?")) {
            statement.setString(1, table);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    @Override
    public Map<String, Long> partition(Connection connection, LocalDate today, int daysAhead) throws SQLException {
        Map<String, Long> moved = new LinkedHashMap<>();
        for (String table : TABLES) {
            if (isPartitioned(connection, table)) {
                continue;
            }
            String key = KEYS.get(table);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + quote(table) + " IN ACCESS EXCLUSIVE MODE");
                TreeSet<LocalDate> days = new TreeSet<>();
                try (ResultSet rows = statement.executeQuery("SELECT DISTINCT (" + quote(key)
                        + " AT TIME ZONE 'UTC')::date FROM " + quote(table))) {
                    while (rows.next()) {
                        days.add(rows.getObject(1, LocalDate.class));
                    }
                }
                for (int i = 0; i <= daysAhead; i++) {
                    days.add(today.plusDays(i));
                }
                String aside = table + "_unpartitioned";
                Indexes indexes = Indexes.of(connection, table);
                statement.execute("ALTER TABLE " + quote(table) + " RENAME TO " + quote(aside));
                indexes.drop(statement, aside);
                statement.execute("CREATE TABLE " + quote(table) + " (LIKE " + quote(aside) + " INCLUDING DEFAULTS) "
                        + "PARTITION BY RANGE (" + quote(key) + ")");
                statement.execute("CREATE TABLE " + quote(defaultPartition(table)) + " PARTITION OF " + quote(table) + " DEFAULT");
                for (LocalDate day : days) {
                    createDay(statement, table, day);
                }
                long rows = statement.executeUpdate("INSERT INTO " + quote(table) + " SELECT * FROM " + quote(aside));
                statement.execute("ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(indexes.primaryKey)
                        + " PRIMARY KEY (id, " + quote(key) + ")");
                indexes.create(statement);
                statement.execute("DROP TABLE " + quote(aside));
                moved.put(table, rows);
            }
        }
        return moved;
    }

    @Override
    public Map<String, Long> unpartition(Connection connection) throws SQLException {
        Map<String, Long> moved = new LinkedHashMap<>();
        for (String table : TABLES) {
            if (!isPartitioned(connection, table)) {
                continue;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + quote(table) + " IN ACCESS EXCLUSIVE MODE");
                String aside = table + "_partitioned";
                Indexes indexes = Indexes.of(connection, table);
                statement.execute("ALTER TABLE " + quote(table) + " RENAME TO " + quote(aside));
                indexes.drop(statement, aside);
                statement.execute("CREATE TABLE " + quote(table) + " (LIKE " + quote(aside) + " INCLUDING DEFAULTS)");
                long rows = statement.executeUpdate("INSERT INTO " + quote(table) + " SELECT * FROM " + quote(aside));
                statement.execute("ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(indexes.primaryKey)
                        + " PRIMARY KEY (id)");
                indexes.create(statement);
                statement.execute("DROP TABLE " + quote(aside));
                moved.put(table, rows);
            }
        }
        return moved;
    }

    /** A table's primary key name and the definitions of its other indexes, to recreate on the other form. */
    private record Indexes(String primaryKey, Map<String, String> definitions) {
        static Indexes of(Connection connection, String table) throws SQLException {
            String primaryKey = null;
            try (PreparedStatement statement = connection.prepareStatement("SELECT c.conname FROM pg_constraint c "
                    + "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                    + "WHERE n.nspname = current_schema() AND t.relname = ? AND c.contype = 'p'")) {
                statement.setString(1, table);
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        primaryKey = row.getString(1);
                    }
                }
            }
            if (primaryKey == null) {
                throw new SQLException("Table " + table + " has no primary key: it is not the reference's table. Run "
                        + "'stratum database verify' to see how the schema differs.");
            }
            Map<String, String> definitions = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT indexname, indexdef FROM pg_indexes "
                    + "WHERE schemaname = current_schema() AND tablename = ? AND indexname <> ? ORDER BY indexname")) {
                statement.setString(1, table);
                statement.setString(2, primaryKey);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        // A partitioned table's own index prints as "ON ONLY": the plain form builds every partition's.
                        definitions.put(rows.getString(1), rows.getString(2).replace(" ON ONLY ", " ON "));
                    }
                }
            }
            return new Indexes(primaryKey, definitions);
        }

        /** Frees the names: the renamed table's indexes and primary key go (its rows stay). */
        void drop(Statement statement, String renamedTable) throws SQLException {
            for (String index : definitions.keySet()) {
                statement.execute("DROP INDEX " + quote(index));
            }
            statement.execute("ALTER TABLE " + quote(renamedTable) + " DROP CONSTRAINT " + quote(primaryKey));
        }

        void create(Statement statement) throws SQLException {
            for (String definition : definitions.values()) {
                statement.execute(definition);
            }
        }
    }

    private static void createDay(Statement statement, String table, LocalDate day) throws SQLException {
        statement.execute("CREATE TABLE " + quote(dayPartition(table, day)) + " PARTITION OF " + quote(table)
                + " FOR VALUES FROM (" + literal(day) + ") TO (" + literal(day.plusDays(1)) + ")");
    }

    @Override
    public List<String> createDays(Connection connection, LocalDate firstDay, int days) throws SQLException {
        List<String> created = new ArrayList<>();
        for (String table : TABLES) {
            if (!isPartitioned(connection, table)) {
                continue;
            }
            List<String> existing = new ArrayList<>();
            for (Partition partition : all(connection, table)) {
                existing.add(partition.name());
            }
            String key = quote(KEYS.get(table));
            String fallback = quote(defaultPartition(table));
            try (Statement statement = connection.createStatement()) {
                for (int i = 0; i < days; i++) {
                    LocalDate day = firstDay.plusDays(i);
                    String name = dayPartition(table, day);
                    if (existing.contains(name)) {
                        continue;
                    }
                    String inRange = key + " >= " + literal(day) + " AND " + key + " < " + literal(day.plusDays(1));
                    boolean strayRows;
                    try (ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + fallback + " WHERE "
                            + inRange + ")")) {
                        row.next();
                        strayRows = row.getBoolean(1);
                    }
                    if (!strayRows) {
                        createDay(statement, table, day);
                    } else {
                        // The default partition may hold no row of a new partition's range: move them in with it.
                        statement.execute("ALTER TABLE " + quote(table) + " DETACH PARTITION " + fallback);
                        createDay(statement, table, day);
                        statement.execute("INSERT INTO " + quote(table) + " SELECT * FROM " + fallback + " WHERE " + inRange);
                        statement.execute("DELETE FROM " + fallback + " WHERE " + inRange);
                        statement.execute("ALTER TABLE " + quote(table) + " ATTACH PARTITION " + fallback + " DEFAULT");
                    }
                    created.add(name);
                }
            }
        }
        return created;
    }

    private List<Partition> all(Connection connection, String table) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(PARTITIONS)) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp from = rows.getTimestamp(2);
                    Timestamp to = rows.getTimestamp(3);
                    if (from != null && to != null) {
                        partitions.add(new Partition(table, rows.getString(1), from.toInstant(), to.toInstant()));
                    }
                }
            }
        }
        partitions.sort((a, b) -> a.from().compareTo(b.from()));
        return partitions;
    }

    @Override
    public List<Partition> before(Connection connection, String table, Instant cutoff) throws SQLException {
        if (!isPartitioned(connection, table)) {
            return List.of();
        }
        List<Partition> old = new ArrayList<>();
        for (Partition partition : all(connection, table)) {
            if (!partition.to().isAfter(cutoff)) {
                old.add(partition);
            }
        }
        return old;
    }

    @Override
    public long lockAndCount(Connection connection, Partition partition, boolean keepsRunLogs) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // SHARE: readers go on, a late writer into this old day waits for the drop (and then lands in the default).
            statement.execute("LOCK TABLE " + quote(partition.name()) + " IN SHARE MODE");
            if (keepsRunLogs) {
                try (ResultSet row = statement.executeQuery(String.format(KEPT_LOG, quote(partition.name())))) {
                    row.next();
                    if (row.getBoolean(1)) {
                        return -1;
                    }
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + quote(partition.name()))) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Override
    public boolean drop(Connection connection, Partition partition) throws SQLException {
        java.sql.Savepoint before = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + DROP_LOCK_TIMEOUT + "'");
            statement.execute("DROP TABLE " + quote(partition.name()));
            connection.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                // Busy table: the transaction goes on without the drop, its rows are left to the batches.
                connection.rollback(before);
                return false;
            }
            throw e;
        }
    }

    @Override
    public String problem(String table, String partition, Instant from, Instant to, boolean isDefault, String partitionKey) {
        String key = KEYS.get(table);
        if (key == null) {
            return "partition of " + table + ", which Stratum never partitions (only " + String.join(", ", TABLES) + ")";
        }
        String expectedKey = "RANGE (" + key + ")";
        if (!expectedKey.equals(partitionKey.replace("\"", ""))) {
            return "partition of " + table + ", which is partitioned by " + partitionKey + ", not by " + expectedKey;
        }
        if (isDefault) {
            return partition.equals(defaultPartition(table)) ? ""
                    : "default partition of " + table + " named other than " + defaultPartition(table);
        }
        if (from == null || to == null) {
            return "partition of " + table + " that is not a range of days";
        }
        LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
        boolean aDay = from.equals(day.atStartOfDay(ZoneOffset.UTC).toInstant())
                && to.equals(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        if (!aDay) {
            return "partition of " + table + " from " + from + " to " + to + ", not one UTC day";
        }
        return partition.equals(dayPartition(table, day)) ? ""
                : "day partition of " + table + " for " + day + " named other than " + dayPartition(table, day);
    }
}
