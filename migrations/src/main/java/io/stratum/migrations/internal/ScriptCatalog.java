package io.stratum.migrations.internal;

import io.stratum.api.Dialect;
import io.stratum.api.MigrationException;
import io.stratum.api.Revision;
import io.stratum.migrations.RevisionScripts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The revisions of one dialect, oldest first: up and down scripts paired by file name. */
final class ScriptCatalog {
    private final Dialect dialect;
    private final RevisionScripts source;
    private final List<Script> scripts;

    record Script(Revision revision, String fileName) {
        String id() {
            return revision.id();
        }
    }

    private ScriptCatalog(Dialect dialect, RevisionScripts source, List<Script> scripts) {
        this.dialect = dialect;
        this.source = source;
        this.scripts = scripts;
    }

    static ScriptCatalog of(RevisionScripts source, Dialect dialect) {
        List<Script> scripts = new ArrayList<>();
        for (String fileName : source.fileNames(dialect)) {
            String id = RevisionScripts.versionOf(fileName);
            if (!scripts.isEmpty() && Versions.compare(scripts.get(scripts.size() - 1).id(), id) == 0) {
                throw new MigrationException("Two " + dialect.id() + " revisions have version " + id + ": "
                        + scripts.get(scripts.size() - 1).fileName() + " and " + fileName + ". Each version must be unique.");
            }
            scripts.add(new Script(new Revision(id, RevisionScripts.descriptionOf(fileName)), fileName));
        }
        if (scripts.isEmpty()) {
            throw new MigrationException("No migration scripts found for dialect " + dialect.id() + " in db/migration/"
                    + dialect.schemaFamily() + "/: the stratum-migrations jar is incomplete.");
        }
        return new ScriptCatalog(dialect, source, List.copyOf(scripts));
    }

    Dialect dialect() {
        return dialect;
    }

    RevisionScripts source() {
        return source;
    }

    List<Script> scripts() {
        return scripts;
    }

    List<Revision> revisions() {
        return scripts.stream().map(Script::revision).collect(Collectors.toList());
    }

    List<String> ids() {
        return scripts.stream().map(Script::id).collect(Collectors.toList());
    }

    String newestId() {
        return scripts.get(scripts.size() - 1).id();
    }

    Optional<Script> find(String id) {
        return scripts.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    boolean knows(String id) {
        return find(id).isPresent();
    }

    String up(Script script) {
        return source.up(dialect, script.fileName());
    }

    /** The down script; fails when the revision has none (it cannot be reverted). */
    String down(Script script) {
        return source.down(dialect, script.fileName()).orElseThrow(() -> new MigrationException("Revision "
                + script.revision() + " has no down script (db/downgrade/" + dialect.schemaFamily() + "/" + script.fileName()
                + "), so it cannot be reverted. Nothing was changed."));
    }

    /** {@code null}, blank or {@code head}: the newest revision; else a known revision id. */
    String resolveUpgradeTarget(String revision) {
        if (revision == null || revision.isBlank() || revision.trim().equals("head")) {
            return newestId();
        }
        return resolveKnown(revision.trim(), "upgrade");
    }

    String resolveKnown(String revision, String operation) {
        String id = revision.trim();
        if (knows(id)) {
            return id;
        }
        throw new MigrationException("Unknown revision '" + id + "' for " + operation + ". Known " + dialect.id()
                + " revisions: " + String.join(", ", ids()) + " (or 'head'"
                + (operation.equals("downgrade") ? ", 'base', '-N'" : operation.equals("stamp") ? ", 'base'" : "") + ").");
    }
}
