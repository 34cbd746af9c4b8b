package io.stratum.orm.internal;

import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.SchemaObject.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference's schema for one dialect, read from the hand-written list
 * {@value #RESOURCE} (its header documents the format). The list is a specification: a line it cannot
 * read is an error naming the line, never skipped.
 */
final class ExpectedSchema {
    static final String RESOURCE = "/io/stratum/orm/schema/expected-schema.txt";
    private static final int MAX_NAME_LENGTH = 63;
    private static final String MIGRATION_ONLY = "migration-only ";
    private static final String TRANSIENT = "transient ";
    private static final Map<String, Kind> KINDS = Map.of("table", Kind.TABLE, "primary-key", Kind.PRIMARY_KEY,
            "index", Kind.INDEX, "unique", Kind.UNIQUE, "check", Kind.CHECK, "foreign-key", Kind.FOREIGN_KEY,
            "column", Kind.COLUMN, "enum", Kind.ENUM_TYPE, "extension", Kind.EXTENSION);
    /** A trailing {@code (<family>)}: the line holds for that schema family only. No detail ends in parentheses. */
    private static final Pattern FAMILY_TAG = Pattern.compile("\\s\\(([a-z][a-z0-9_-]*)\\)$");
    private static final Set<Kind> SCHEMA_LEVEL = Set.of(Kind.TABLE, Kind.ENUM_TYPE, Kind.EXTENSION);

    final List<SchemaObject> objects = new ArrayList<>();
    final List<SchemaObject> migrationOnly = new ArrayList<>();

    /** The schema family whose lines count: untagged lines and those tagged {@code (<family>)}. */
    private final String family;
    private final Set<String> seen = new HashSet<>();
    private String table;
    private boolean tableIsSkipped;

    private ExpectedSchema(String family) {
        this.family = family;
    }

    static ExpectedSchema load(String family) {
        try (InputStream in = ExpectedSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The schema list " + RESOURCE + " is missing from stratum-orm-models");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(family, reader.lines().toList(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    /** The objects the lines list for the schema family; a line that cannot be read fails naming {@code source} and the line. */
    static ExpectedSchema parse(String family, List<String> lines, String source) {
        ExpectedSchema schema = new ExpectedSchema(family);
        for (int i = 0; i < lines.size(); i++) {
            try {
                schema.parse(lines.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(source + " line " + (i + 1) + " (\"" + lines.get(i).strip() + "\"): "
                        + e.getMessage(), e);
            }
        }
        return schema;
    }

    private void parse(String raw) {
        int comment = raw.indexOf('#');
        String line = (comment >= 0 ? raw.substring(0, comment) : raw).stripTrailing();
        if (line.isBlank()) {
            return;
        }
        boolean indented = Character.isWhitespace(line.charAt(0));
        line = line.strip();
        boolean onlyHere = true;
        Matcher tag = FAMILY_TAG.matcher(line);
        if (tag.find()) {
            onlyHere = tag.group(1).equals(family);
            line = line.substring(0, tag.start()).strip();
        }
        boolean transientLine = line.startsWith(TRANSIENT);
        boolean migrationOnlyLine = transientLine || line.startsWith(MIGRATION_ONLY);
        if (migrationOnlyLine) {
            line = line.substring(transientLine ? TRANSIENT.length() : MIGRATION_ONLY.length()).strip();
        }
        String[] words = line.split("\\s+", 3);
        Kind kind = KINDS.get(words[0]);
        if (kind == null || words.length < 2) {
            throw new IllegalArgumentException("expected '<kind> <name> [<detail>]' with a kind of " + KINDS.keySet());
        }
        if (indented == SCHEMA_LEVEL.contains(kind)) {
            throw new IllegalArgumentException(indented ? "a " + words[0] + " cannot belong to a table (unindent it)"
                    : "a " + words[0] + " belongs to a table (indent it under its table)");
        }
        if (indented && table == null) {
            throw new IllegalArgumentException("a " + words[0] + " belongs to a table, but no table line comes "
                    + "before it");
        }
        String name = words[1];
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_NAME_LENGTH
                    + " characters; PostgreSQL would truncate it to " + name.substring(0, MAX_NAME_LENGTH));
        }
        String detail = words.length > 2 ? words[2].replaceAll("\\s+", " ") : "";
        boolean detailRequired = kind == Kind.FOREIGN_KEY || kind == Kind.ENUM_TYPE;
        boolean detailAllowed = detailRequired || kind == Kind.INDEX || kind == Kind.UNIQUE;
        if (detailRequired && detail.isEmpty() || !detailAllowed && !detail.isEmpty()) {
            throw new IllegalArgumentException(detail.isEmpty() ? "a " + words[0] + " needs its detail"
                    : "a " + words[0] + " takes no detail");
        }
        if (kind == Kind.TABLE) {
            table = name;
            tableIsSkipped = !onlyHere;
        }
        if (!onlyHere || indented && tableIsSkipped) {
            return;
        }
        SchemaObject object = new SchemaObject(kind, indented ? table : null, name, detail);
        if (!seen.add(object.key())) {
            throw new IllegalArgumentException(object.where() + " is listed twice");
        }
        if (!transientLine) {
            objects.add(object);
        }
        if (migrationOnlyLine) {
            migrationOnly.add(object);
        }
    }
}
