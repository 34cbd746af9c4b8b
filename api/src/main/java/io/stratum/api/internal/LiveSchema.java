package io.stratum.api.internal;

import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.SchemaObject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schema as it is in the database: tables and columns from JDBC metadata, every other named object
 * from the dialect's own catalogue queries.
 */
final class LiveSchema {
    record Column(String typeName, int size, boolean nullable) {
    }

    /** Table name to its columns, by name. */
    final Map<String, Map<String, Column>> tables = new TreeMap<>();
    final List<SchemaObject> objects;

    private LiveSchema(List<SchemaObject> objects) {
        this.objects = objects;
    }

    /** Another view of a schema: the given tables and objects (adoption's normalised form of a live schema). */
    static LiveSchema of(Map<String, Map<String, Column>> tables, List<SchemaObject> objects) {
        LiveSchema schema = new LiveSchema(List.copyOf(objects));
        schema.tables.putAll(tables);
        return schema;
    }

    static LiveSchema read(Connection connection, DialectProvider dialect) throws SQLException {
        LiveSchema schema = new LiveSchema(dialect.schemaObjects(connection));
        DatabaseMetaData metadata = connection.getMetaData();
        String schemaPattern = schemaPattern(connection, metadata);
        // A partitioned table is one table (PostgreSQL's JDBC driver calls it a PARTITIONED TABLE); its
        // partitions, plain tables to JDBC, are parts of it: the dialect reports them as such.
        java.util.Set<String> partitions = new java.util.HashSet<>();
        schema.objects.stream().filter(o -> o.kind() == SchemaObject.Kind.PARTITION).forEach(o -> partitions.add(o.name()));
        try (ResultSet rows = metadata.getTables(null, schemaPattern, "%", new String[] {"TABLE", "PARTITIONED TABLE"})) {
            while (rows.next()) {
                String table = rows.getString("TABLE_NAME");
                if (partitions.contains(table)) {
                    continue;
                }
                // SQLite's own bookkeeping tables (sqlite_sequence, sqlite_stat1) are not the application's.
                if (!table.startsWith("sqlite_")) {
                    schema.tables.put(table, new LinkedHashMap<>());
                }
            }
        }
        try (ResultSet rows = metadata.getColumns(null, schemaPattern, "%", "%")) {
            while (rows.next()) {
                Map<String, Column> columns = schema.tables.get(rows.getString("TABLE_NAME"));
                if (columns != null) {
                    columns.put(rows.getString("COLUMN_NAME"), new Column(rows.getString("TYPE_NAME"),
                            rows.getInt("COLUMN_SIZE"), rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
                }
            }
        }
        return schema;
    }

    /** The connection's own schema only (PostgreSQL would otherwise match every schema's tables). */
    private static String schemaPattern(Connection connection, DatabaseMetaData metadata) throws SQLException {
        String schema = connection.getSchema();
        if (schema == null) {
            return null;
        }
        String escape = metadata.getSearchStringEscape();
        return escape == null ? schema : schema.replace("_", escape + "_").replace("%", escape + "%");
    }
}
