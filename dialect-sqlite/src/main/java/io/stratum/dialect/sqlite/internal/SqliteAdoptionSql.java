package io.stratum.dialect.sqlite.internal;

import io.stratum.api.spi.AdoptionSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adopting a SQLite database made by Prefect's migrations. SQLite cannot rename, defer or re-default a
 * constraint or column: the statements this object writes use PostgreSQL's ALTER syntax as a plan, and
 * {@link #apply} carries them out the SQLite way — per table, its {@code CREATE TABLE} text edited, a
 * new table made from it, the rows copied, the old table dropped and the new one renamed, its indexes
 * made again — with foreign keys off during the rebuild and {@code PRAGMA foreign_key_check} before the
 * commit. A copy of the file is taken first ({@link #backup}).
 */
final class SqliteAdoptionSql implements AdoptionSql {
    /** Prefect's SQLite chain (prefect-reference.md 5): head, and the revision before it. */
    private static final String HEAD = "f416ea180ae1";
    private static final String PREVIOUS_HEAD = "14806cb26270";
    /** Stratum's SQLite declaration of the state-type columns (V1): wide enough for CANCELLING. */
    private static final String STATE_TYPE_DECLARATION = "VARCHAR(10)";

    private static final Pattern RENAME = Pattern.compile("ALTER TABLE (\\w+) RENAME CONSTRAINT (\\w+) TO (\\w+)");
    private static final Pattern DEFER = Pattern.compile("ALTER TABLE (\\w+) ALTER CONSTRAINT (\\w+) DEFERRABLE INITIALLY DEFERRED");
    private static final Pattern COLUMN_TYPE = Pattern.compile("ALTER TABLE (\\w+) ALTER COLUMN (\\w+) TYPE (.+)");
    private static final Pattern DROP_DEFAULT = Pattern.compile("ALTER TABLE (\\w+) ALTER COLUMN (\\w+) DROP DEFAULT");
    private static final Pattern SET_DEFAULT = Pattern.compile("ALTER TABLE (\\w+) ALTER COLUMN (\\w+) SET DEFAULT (.+)");

    @Override
    public String prefectHead() {
        return HEAD;
    }

    @Override
    public String previousPrefectHead() {
        return PREVIOUS_HEAD;
    }

    @Override
    public boolean appliesInStampTransaction() {
        return false;
    }

    @Override
    public String renameConstraint(String table, String from, String to) {
        return "ALTER TABLE " + table + " RENAME CONSTRAINT " + from + " TO " + to;
    }

    @Override
    public String deferForeignKey(String table, String constraint) {
        return "ALTER TABLE " + table + " ALTER CONSTRAINT " + constraint + " DEFERRABLE INITIALLY DEFERRED";
    }

    @Override
    public String declareStateTypeColumn(String table, String column) {
        return "ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + STATE_TYPE_DECLARATION;
    }

    @Override
    public List<String> columnDefaults() {
        // Stratum's V1 declares these (work_queue.priority: none; bucketing_key: '[]').
        return List.of("ALTER TABLE work_queue ALTER COLUMN priority DROP DEFAULT",
                "ALTER TABLE automation_bucket ALTER COLUMN bucketing_key SET DEFAULT '[]'");
    }

    @Override
    public Optional<String> backup(Connection connection) throws SQLException {
        String file = null;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
            while (rows.next()) {
                if ("main".equals(rows.getString("name"))) {
                    file = rows.getString("file");
                }
            }
        }
        if (file == null || file.isEmpty()) {
            return Optional.empty(); // an in-memory database has no file to copy
        }
        String copy = file + ".before-adoption-"
                + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
        try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, copy);
            vacuum.execute();
        }
        return Optional.of(copy);
    }

    @Override
    public void apply(Connection connection, List<String> statements) throws SQLException {
        Map<String, List<UnaryOperator<String>>> edits = new LinkedHashMap<>();
        List<String> plain = new ArrayList<>();
        for (String sql : statements) {
            Matcher m;
            if ((m = RENAME.matcher(sql)).matches()) {
                String from = m.group(2);
                String to = m.group(3);
                edit(edits, m.group(1), text -> replaceOnce(text, "(?i)\\bCONSTRAINT\\s+[\"`]?" + from + "[\"`]?\\s",
                        "CONSTRAINT " + to + " ", sql));
            } else if ((m = DEFER.matcher(sql)).matches()) {
                String name = m.group(2);
                edit(edits, m.group(1), text -> replaceOnce(text, "(?is)(\\bCONSTRAINT\\s+" + name
                        + "\\s+FOREIGN\\s+KEY\\s*\\([^)]*\\)\\s*REFERENCES\\s+\\w+\\s*\\([^)]*\\)"
                        + "(?:\\s+ON\\s+DELETE\\s+(?:CASCADE|SET\\s+NULL|RESTRICT|NO\\s+ACTION|SET\\s+DEFAULT))?)",
                        "$1 DEFERRABLE INITIALLY DEFERRED", sql));
            } else if ((m = COLUMN_TYPE.matcher(sql)).matches()) {
                String column = m.group(2);
                String type = m.group(3);
                edit(edits, m.group(1), text -> replaceOnce(text, "(?im)^(\\s*[\"`]?" + column + "[\"`]?\\s+)\\w+(\\(\\d+\\))?",
                        "$1" + type, sql));
            } else if ((m = DROP_DEFAULT.matcher(sql)).matches()) {
                String column = m.group(2);
                edit(edits, m.group(1), text -> text.replaceFirst("(?im)^(\\s*[\"`]?" + column
                        + "[\"`]?\\s[^,\\n]*?)\\s+DEFAULT\\s+(?:'[^']*'|\\([^)]*\\)|[^\\s,]+)", "$1"));
            } else if ((m = SET_DEFAULT.matcher(sql)).matches()) {
                String column = m.group(2);
                String value = m.group(3);
                edit(edits, m.group(1), text -> replaceOnce(text.replaceFirst("(?im)^(\\s*[\"`]?" + column
                        + "[\"`]?\\s[^,\\n]*?)\\s+DEFAULT\\s+(?:'[^']*'|\\([^)]*\\)|[^\\s,]+)", "$1"),
                        "(?im)^(\\s*[\"`]?" + column + "[\"`]?\\s[^,\\n]*?)(\\s*,?\\s*)$",
                        "$1 DEFAULT " + Matcher.quoteReplacement(value) + "$2", sql));
            } else {
                plain.add(sql);
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            // Foreign keys off for the rebuild: dropping a parent would otherwise delete its children's
            // rows (ON DELETE CASCADE). The pragma is a no-op inside a transaction, so it comes first.
            connection.setAutoCommit(true);
            statement.execute("PRAGMA foreign_keys = OFF");
            try {
                connection.setAutoCommit(false);
                for (Map.Entry<String, List<UnaryOperator<String>>> table : edits.entrySet()) {
                    rebuild(connection, table.getKey(), table.getValue());
                }
                for (String sql : plain) {
                    statement.execute(sql);
                }
                List<String> violations = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
                    while (rows.next()) {
                        violations.add(rows.getString(1) + " row " + rows.getString(2) + " -> " + rows.getString(3));
                    }
                }
                if (!violations.isEmpty()) {
                    throw new SQLException("foreign keys broken by the rebuild (rolled back): " + violations);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                statement.execute("PRAGMA foreign_keys = ON");
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static void edit(Map<String, List<UnaryOperator<String>>> edits, String table, UnaryOperator<String> edit) {
        edits.computeIfAbsent(table, t -> new ArrayList<>()).add(edit);
    }

    private static String replaceOnce(String text, String regex, String replacement, String statement) {
        String changed = text.replaceFirst(regex, replacement);
        if (changed.equals(text)) {
            throw new IllegalStateException("Adoption cannot apply '" + statement + "' to the table definition "
                    + text + "; nothing was changed");
        }
        return changed;
    }

    /** The table made again from its edited definition, keeping its rows, its name and its indexes. */
    private static void rebuild(Connection connection, String table, List<UnaryOperator<String>> edits)
            throws SQLException {
        String definition;
        List<String> indexes = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        try (PreparedStatement read = connection.prepareStatement(
                "SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type DESC")) {
            read.setString(1, table);
            definition = null;
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    if ("table".equals(rows.getString(1))) {
                        definition = rows.getString(2);
                    } else if ("index".equals(rows.getString(1))) {
                        indexes.add(rows.getString(2));
                    }
                }
            }
        }
        if (definition == null) {
            throw new SQLException("table " + table + " is missing");
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA table_info(" + SqliteDialect.quote(table) + ")")) {
            while (rows.next()) {
                columns.add(SqliteDialect.quote(rows.getString("name")));
            }
        }
        String edited = definition;
        for (UnaryOperator<String> edit : edits) {
            edited = edit.apply(edited);
        }
        String rebuilt = table + "_adopted";
        String create = edited.replaceFirst("(?i)^\\s*CREATE\\s+TABLE\\s+[\"`]?" + table + "[\"`]?",
                "CREATE TABLE " + SqliteDialect.quote(rebuilt));
        String list = String.join(", ", columns);
        try (Statement statement = connection.createStatement()) {
            statement.execute(create);
            statement.execute("INSERT INTO " + SqliteDialect.quote(rebuilt) + " (" + list + ") SELECT " + list + " FROM "
                    + SqliteDialect.quote(table));
            statement.execute("DROP TABLE " + SqliteDialect.quote(table));
            statement.execute("ALTER TABLE " + SqliteDialect.quote(rebuilt) + " RENAME TO " + SqliteDialect.quote(table));
            for (String index : indexes) {
                statement.execute(index);
            }
        }
    }
}
