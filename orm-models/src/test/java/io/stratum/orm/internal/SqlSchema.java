package io.stratum.orm.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema one dialect's Flyway scripts create, parsed just enough for the mapping tests: tables,
 * columns (type, NOT NULL, quoted, default), foreign keys (deferred or not) and enum types.
 */
final class SqlSchema {
    /** Where surefire runs (the module directory), the migrations module is a sibling. */
    static final Path MIGRATIONS = Path.of("..", "migrations", "src", "main", "resources", "db", "migration");

    record Column(String name, String type, boolean notNull, boolean quoted, String defaultValue) {
    }

    record ForeignKey(String table, String column, String referencedTable, boolean deferred) {
    }

    final String dialect;
    final Map<String, Map<String, Column>> tables = new LinkedHashMap<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final Map<String, List<String>> enumTypes = new LinkedHashMap<>();

    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^CREATE TABLE (\\w+)\\s*\\((.*)\\)$");
    private static final Pattern ADD_COLUMN = Pattern.compile("(?is)^ALTER TABLE (\\w+) ADD COLUMN (\\S+)\\s+(.*)$");
    private static final Pattern ADD_FK = Pattern.compile(
            "(?is)^ALTER TABLE (\\w+) ADD CONSTRAINT \\w+ FOREIGN KEY \\((\\w+)\\)\\s+REFERENCES (\\w+).*$");
    private static final Pattern INLINE_FK = Pattern.compile(
            "(?is)^CONSTRAINT \\w+ FOREIGN KEY \\((\\w+)\\)\\s+REFERENCES (\\w+).*$");
    private static final Pattern ENUM = Pattern.compile("(?is)^CREATE TYPE (\\w+) AS ENUM \\((.*)\\)$");
    private static final Pattern DEFAULT = Pattern.compile("(?is)\\bDEFAULT\\s+(.*)$");

    private SqlSchema(String dialect) {
        this.dialect = dialect;
    }

    static SqlSchema load(String dialect) {
        SqlSchema schema = new SqlSchema(dialect);
        Path dir = MIGRATIONS.resolve(dialect);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> scripts = files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(
                            p.getFileName().toString().replaceAll("^V(\\d+)__.*$", "$1"))))
                    .toList();
            if (scripts.isEmpty()) {
                throw new IllegalStateException("no migrations in " + dir.toAbsolutePath());
            }
            for (Path script : scripts) {
                schema.parse(Files.readString(script));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migrations in " + dir.toAbsolutePath(), e);
        }
        return schema;
    }

    private void parse(String sql) {
        String text = sql.replaceAll("--[^\\n]*", "");
        for (String raw : text.split(";")) {
            String statement = raw.strip();
            Matcher m;
            if ((m = CREATE_TABLE.matcher(statement)).matches()) {
                String table = m.group(1).toLowerCase(Locale.ROOT);
                Map<String, Column> columns = new LinkedHashMap<>();
                for (String item : splitTopLevel(m.group(2))) {
                    Matcher fk = INLINE_FK.matcher(item);
                    if (fk.matches()) {
                        foreignKeys.add(new ForeignKey(table, fk.group(1), fk.group(2), isDeferred(item)));
                    } else if (!item.regionMatches(true, 0, "CONSTRAINT", 0, 10)) {
                        Column column = column(item);
                        columns.put(column.name(), column);
                    }
                }
                tables.put(table, columns);
            } else if ((m = ADD_COLUMN.matcher(statement)).matches()) {
                Column column = column(m.group(2) + " " + m.group(3));
                tables.get(m.group(1).toLowerCase(Locale.ROOT)).put(column.name(), column);
            } else if ((m = ADD_FK.matcher(statement)).matches()) {
                foreignKeys.add(new ForeignKey(m.group(1), m.group(2), m.group(3), isDeferred(statement)));
            } else if ((m = ENUM.matcher(statement)).matches()) {
                List<String> values = new ArrayList<>();
                for (String value : m.group(2).split(",")) {
                    values.add(value.strip().replace("'", ""));
                }
                enumTypes.put(m.group(1), values);
            }
        }
    }

    private static boolean isDeferred(String text) {
        return text.toUpperCase(Locale.ROOT).contains("INITIALLY DEFERRED");
    }

    private static Column column(String definition) {
        String item = definition.strip();
        int space = item.indexOf(' ');
        String name = item.substring(0, space);
        boolean quoted = name.startsWith("\"");
        String rest = item.substring(space + 1).strip();
        String upper = rest.toUpperCase(Locale.ROOT);
        int end = upper.length();
        for (String keyword : List.of(" NOT NULL", " DEFAULT ", " NULL")) {
            int at = (" " + upper).indexOf(keyword);
            if (at >= 0) {
                end = Math.min(end, Math.max(0, at - 1));
            }
        }
        String type = rest.substring(0, end).strip().toLowerCase(Locale.ROOT);
        Matcher d = DEFAULT.matcher(rest);
        String defaultValue = d.find() ? d.group(1).strip() : null;
        return new Column(name.replace("\"", ""), type, upper.contains("NOT NULL"), quoted, defaultValue);
    }

    /** Splits a CREATE TABLE body at commas outside parentheses and quotes. */
    private static List<String> splitTopLevel(String body) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        StringBuilder current = new StringBuilder();
        for (char c : body.toCharArray()) {
            if (c == '\'') {
                inString = !inString;
            } else if (!inString && c == '(') {
                depth++;
            } else if (!inString && c == ')') {
                depth--;
            } else if (!inString && depth == 0 && c == ',') {
                items.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!current.toString().isBlank()) {
            items.add(current.toString().strip());
        }
        return items;
    }
}
