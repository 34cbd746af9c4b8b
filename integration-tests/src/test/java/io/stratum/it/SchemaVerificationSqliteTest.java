package io.stratum.it;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;

class SchemaVerificationSqliteTest extends SchemaVerificationContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    void makeNullable(String table, String column) throws Exception {
        rebuild(table, definition -> definition.replaceFirst("(?m)^(\\s*" + column + "\\s+\\w+(\\(\\d+\\))?)\\s+NOT NULL",
                "$1"));
    }

    @Override
    void changeColumnType(String table, String column, String type) throws Exception {
        rebuild(table, definition -> definition.replaceFirst("(?m)^(\\s*" + column + "\\s+)\\w+(\\(\\d+\\))?", "$1" + type));
    }

    @Override
    void changeOnDelete(String table, String constraint, String column, String action) throws Exception {
        rebuild(table, definition -> definition.replaceFirst("(CONSTRAINT " + constraint + " FOREIGN KEY \\(" + column
                + "\\)\\s+REFERENCES \\w+ \\(id\\))( ON DELETE (CASCADE|SET NULL|RESTRICT|NO ACTION))?", "$1 ON DELETE "
                + action));
    }

    /**
     * SQLite cannot alter a column or a constraint: the table is rebuilt from its own definition, changed
     * (the documented twelve-step table change), keeping its name, its rows and its indexes.
     */
    private void rebuild(String table, UnaryOperator<String> change) throws Exception {
        String definition = text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table);
        String changed = change.apply(definition);
        if (changed.equals(definition)) {
            throw new IllegalArgumentException("the change does not apply to " + definition);
        }
        List<String> indexes = query("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                + "AND sql IS NOT NULL", table).stream().map(row -> (String) row[0]).toList();
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            statement.execute(changed.replaceFirst("CREATE TABLE " + table, "CREATE TABLE " + table + "_rebuilt"));
            statement.execute("INSERT INTO " + table + "_rebuilt SELECT * FROM " + table);
            statement.execute("DROP TABLE " + table);
            statement.execute("ALTER TABLE " + table + "_rebuilt RENAME TO " + table);
            for (String index : indexes) {
                statement.execute(index);
            }
            statement.execute("PRAGMA foreign_keys = ON");
        }
    }

    @Override
    long objectCount() throws Exception {
        return Long.parseLong(text("SELECT count(*) FROM sqlite_master"));
    }
}
