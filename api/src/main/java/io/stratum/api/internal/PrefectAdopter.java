package io.stratum.api.internal;

import io.stratum.api.PrefectAdoption;
import io.stratum.api.PrefectAdoption.Verdict;
import io.stratum.api.SchemaReport;
import io.stratum.api.spi.AdoptionSql;
import io.stratum.api.spi.DialectProvider;
import io.stratum.api.spi.ModelCatalogue;
import io.stratum.api.spi.SchemaObject;
import io.stratum.api.spi.SchemaObject.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adoption's plan for one database made by Prefect's migrations: reads its {@code alembic_version} and
 * schema, maps every difference the real chain is known to have (issue 15 item 5) onto Stratum's form,
 * and holds the normalised schema to the drift check: whatever the check still reports is a difference
 * adoption refuses. The known differences, decided here once for every dialect:
 * <ul>
 *   <li>constraints (foreign keys, checks) with other names: matched by definition (a check by its
 *       table: one unmatched on each side), then renamed;</li>
 *   <li>{@code flow_run.state_id} and {@code work_pool.default_queue_id} not DEFERRABLE;</li>
 *   <li>indexes of Stratum's name whose form lacks {@code DESC} or {@code COLLATE NOCASE}: re-created;
 *       the two {@code coalesce} indexes missing: created;</li>
 *   <li>state-type columns declared {@code VARCHAR(9)} (too short for CANCELLING on a database that
 *       enforced it): declared as Stratum does;</li>
 *   <li>column defaults of {@code work_queue.priority} and {@code automation_bucket.bucketing_key}:
 *       the drift check does not compare defaults, so adoption always sets Stratum's.</li>
 * </ul>
 */
final class PrefectAdopter {
    static final String ALEMBIC_TABLE = "alembic_version";
    /** Foreign keys Prefect creates immediate and Stratum checks at commit (table.column). */
    private static final Set<String> DEFERRED_IN_STRATUM = Set.of("flow_run.state_id", "work_pool.default_queue_id");
    /** Indexes Prefect's SQLite chain never creates. */
    private static final Set<String> MISSING_IN_PREFECT = Set.of(
            "ix_flow_run__coalesce_start_time_expected_start_time_asc",
            "ix_flow_run__coalesce_start_time_expected_start_time_desc");
    /** Enum columns whose declared width Prefect's SQLite chain sets to 9 characters. */
    private static final Set<String> STATE_TYPE_COLUMNS = Set.of("flow_run.state_type", "task_run.state_type",
            "flow_run_state.type", "task_run_state.type");

    /**
     * The Stratum revision whose schema is Prefect's head: V1 to V3 are the reference's schema. V4 and V5
     * are Stratum's extensions (leases, the worker polling index), which {@code upgrade} applies after the
     * adoption; V6 makes the slug index partial, the form Prefect's chain already has.
     */
    static final String CORRESPONDING_REVISION = "3";
    /** What the revisions after {@link #CORRESPONDING_REVISION} create: not expected in Prefect's database. */
    private static final String LATER_TABLE = "concurrency_slot_lease";
    private static final String LATER_INDEX = "ix_flow_run__work_queue_id_next_scheduled_start_time";

    /** Stratum's history table (io.stratum.migrations.Bookkeeping), which the stamp itself creates. */
    private static final String HISTORY_TABLE = "stratum_schema_history";

    static boolean isFromLaterRevision(SchemaObject object) {
        String table = object.kind() == Kind.TABLE ? object.name() : object.table();
        return LATER_TABLE.equals(table) || HISTORY_TABLE.equals(table) || LATER_INDEX.equals(object.name());
    }

    /** One change adoption makes, described for the report and run as SQL on the stamp's connection. */
    record Change(String description, List<String> statements) {
    }

    private final DialectProvider dialect;
    private final ModelCatalogue catalogue;
    private final AdoptionSql sql;
    final List<Change> changes = new ArrayList<>();
    final List<String> differences = new ArrayList<>();
    Verdict verdict;
    Optional<String> prefectRevision = Optional.empty();

    PrefectAdopter(DialectProvider dialect, ModelCatalogue catalogue, AdoptionSql sql) {
        this.dialect = dialect;
        this.catalogue = catalogue;
        this.sql = sql;
    }

    /** Reads the database and plans; changes nothing. */
    void plan(Connection connection, List<MappedColumn> model, Optional<String> stratumRevision) throws SQLException {
        LiveSchema live = LiveSchema.read(connection, dialect);
        if (stratumRevision.isPresent()) {
            verdict = Verdict.ALREADY_STRATUM;
            differences.add("the database is already at Stratum revision " + stratumRevision.get()
                    + "; use 'stratum database upgrade'");
            return;
        }
        if (!live.tables.containsKey(ALEMBIC_TABLE)) {
            verdict = Verdict.NOT_PREFECT;
            differences.add("the database has no " + ALEMBIC_TABLE + " table: Prefect's migrations did not make it; "
                    + "create a new Stratum database with 'stratum database upgrade'");
            return;
        }
        prefectRevision = alembicVersion(connection);
        String found = prefectRevision.orElse("none");
        if (!found.equals(sql.prefectHead())) {
            boolean older = found.equals(sql.previousPrefectHead());
            verdict = older ? Verdict.OLDER_PREFECT_REVISION : Verdict.UNKNOWN_PREFECT_REVISION;
            differences.add(older
                    ? "the database is at Prefect revision " + found + ", older than the head " + sql.prefectHead()
                    + " this build adopts: upgrade it with Prefect first ('prefect server database upgrade'), then adopt it"
                    : "the database is at Prefect revision " + found + ", which this build does not know (it adopts "
                    + "the head " + sql.prefectHead() + "): bring it to that head with the matching Prefect release, "
                    + "then adopt it");
            return;
        }
        LiveSchema normalised = normalise(live);
        SchemaReport report = new SchemaVerifier(dialect, catalogue, PrefectAdopter::isFromLaterRevision)
                .verify(normalised, model);
        differences.addAll(report.problems());
        verdict = differences.isEmpty() ? Verdict.ADOPTABLE : Verdict.DIFFERS;
        if (verdict == Verdict.ADOPTABLE) {
            changes.add(new Change("set Stratum's column defaults: work_queue.priority none (Prefect: 1), "
                    + "automation_bucket.bucketing_key '[]' (Prefect: none)", sql.columnDefaults()));
        }
    }

    private static Optional<String> alembicVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version_num FROM " + ALEMBIC_TABLE)) {
            List<String> versions = new ArrayList<>();
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
            return versions.size() == 1 ? Optional.of(versions.get(0)) : Optional.empty();
        }
    }

    /** The live schema with every known difference mapped onto Stratum's form; the changes recorded. */
    private LiveSchema normalise(LiveSchema live) {
        Map<String, SchemaObject> expectedByKey = new LinkedHashMap<>();
        catalogue.expectedSchema(dialect.dialect()).stream().filter(o -> !isFromLaterRevision(o))
                .forEach(o -> expectedByKey.put(o.key(), o));
        List<SchemaObject> objects = new ArrayList<>();
        List<SchemaObject> unmatched = new ArrayList<>();
        Set<String> matchedKeys = new HashSet<>();
        for (SchemaObject found : live.objects) {
            if (ALEMBIC_TABLE.equals(found.table())) {
                continue;
            }
            SchemaObject wanted = expectedByKey.get(found.key());
            if (wanted == null) {
                unmatched.add(found);
                continue;
            }
            matchedKeys.add(found.key());
            if (wanted.detail().equals(found.detail())) {
                objects.add(found);
            } else if (isDeferredInStratum(wanted, found)) {
                changes.add(new Change("make foreign key " + wanted.where() + " DEFERRABLE INITIALLY DEFERRED",
                        List.of(sql.deferForeignKey(wanted.table(), wanted.name()))));
                objects.add(wanted);
            } else if (isIndexFormLeftOut(wanted, found)) {
                changes.add(new Change("re-create " + wanted.kind().label() + " " + wanted.where() + " as "
                        + wanted.detail() + " (Prefect: " + (found.detail().isEmpty() ? "plain" : found.detail()) + ")",
                        List.of("DROP INDEX " + wanted.name(), createIndex(wanted))));
                objects.add(wanted);
            } else {
                objects.add(found); // the drift check reports it
            }
        }
        for (SchemaObject wanted : expectedByKey.values()) {
            if (matchedKeys.contains(wanted.key()) || wanted.kind() == Kind.TABLE || wanted.kind() == Kind.COLUMN) {
                continue;
            }
            SchemaObject renamed = sameDefinition(wanted, unmatched);
            if (renamed != null) {
                unmatched.remove(renamed);
                List<String> statements = new ArrayList<>(List.of(
                        sql.renameConstraint(wanted.table(), renamed.name(), wanted.name())));
                String description = "rename " + wanted.kind().label() + " " + renamed.where() + " to " + wanted.name();
                if (!renamed.detail().equals(wanted.detail())) {
                    statements.add(sql.deferForeignKey(wanted.table(), wanted.name()));
                    description += " and make it DEFERRABLE INITIALLY DEFERRED";
                }
                changes.add(new Change(description, statements));
                objects.add(wanted);
            } else if (wanted.kind() == Kind.INDEX && MISSING_IN_PREFECT.contains(wanted.name())
                    && live.tables.containsKey(wanted.table())) {
                changes.add(new Change("create index " + wanted.where() + " " + wanted.detail()
                        + " (Prefect's SQLite chain has none)", List.of(createIndex(wanted))));
                objects.add(wanted);
            }
        }
        objects.addAll(unmatched);
        Map<String, Map<String, LiveSchema.Column>> tables = new TreeMap<>();
        live.tables.forEach((table, columns) -> {
            if (ALEMBIC_TABLE.equals(table)) {
                return;
            }
            Map<String, LiveSchema.Column> copy = new LinkedHashMap<>(columns);
            columns.forEach((name, column) -> {
                if (STATE_TYPE_COLUMNS.contains(table + "." + name) && column.size() == 9) {
                    changes.add(new Change("declare " + table + "." + name + " as Stratum does (Prefect: "
                            + column.typeName() + "(9), too short for CANCELLING)",
                            List.of(sql.declareStateTypeColumn(table, name))));
                    copy.put(name, new LiveSchema.Column(column.typeName(), 0, column.nullable()));
                }
            });
            tables.put(table, copy);
        });
        return LiveSchema.of(tables, objects);
    }

    private static boolean isDeferredInStratum(SchemaObject wanted, SchemaObject found) {
        return wanted.kind() == Kind.FOREIGN_KEY && wanted.detail().equals(found.detail() + " DEFERRED")
                && DEFERRED_IN_STRATUM.contains(wanted.table() + "." + found.detail().split(" ")[0]);
    }

    /** Prefect's SQLite chain writes some of Stratum's DESC and NOCASE indexes as plain ones. */
    private static boolean isIndexFormLeftOut(SchemaObject wanted, SchemaObject found) {
        if (wanted.kind() != Kind.INDEX && wanted.kind() != Kind.UNIQUE || wanted.detail().isEmpty()) {
            return false;
        }
        String plain = wanted.detail().replace(" DESC", "").replace(" COLLATE NOCASE", "");
        if (plain.equals(wanted.detail())) {
            return false;
        }
        return plain.equals(found.detail()) || found.detail().isEmpty() && plain.matches("\\(\\w+(, \\w+)*\\)");
    }

    /** An unmatched live constraint of the same kind and table with the same definition. */
    private SchemaObject sameDefinition(SchemaObject wanted, List<SchemaObject> unmatched) {
        if (wanted.kind() != Kind.FOREIGN_KEY && wanted.kind() != Kind.CHECK) {
            return null;
        }
        List<SchemaObject> candidates = unmatched.stream()
                .filter(o -> o.kind() == wanted.kind() && wanted.table().equals(o.table()))
                .filter(o -> wanted.kind() == Kind.CHECK || o.detail().equals(wanted.detail())
                        || isDeferredInStratum(wanted, o))
                .toList();
        // A check has no definition to compare here: it is matched only when it is the table's one unmatched check.
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    private static String createIndex(SchemaObject index) {
        return "CREATE " + (index.kind() == Kind.UNIQUE ? "UNIQUE " : "") + "INDEX " + index.name() + " ON "
                + index.table() + " " + index.detail();
    }

    /** Every change's statements, in order: what the stamp's transaction runs before recording the revision. */
    List<String> statements() {
        List<String> all = new ArrayList<>();
        changes.forEach(change -> all.addAll(change.statements()));
        return all;
    }

    List<String> describedChanges() {
        List<String> described = new ArrayList<>();
        changes.forEach(change -> described.add(change.description()));
        described.add("stamp the database at Stratum revision " + CORRESPONDING_REVISION + " (the reference's schema), "
                + "then drop " + ALEMBIC_TABLE + "; 'stratum database upgrade' then applies Stratum's own later revisions");
        return described;
    }

}
