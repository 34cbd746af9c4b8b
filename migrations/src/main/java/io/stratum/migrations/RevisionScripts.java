package io.stratum.migrations;

import io.stratum.api.Api;
import io.stratum.api.Dialect;
import io.stratum.api.MigrationException;
import io.stratum.api.spi.MigrationEngine;
import io.stratum.migrations.internal.BundledScripts;
import io.stratum.migrations.internal.FlywayMigrationEngine;
import io.stratum.migrations.internal.Versions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An immutable set of schema revisions per dialect: for each revision an up script
 * ({@code V<n>__<name>.sql}, applied by Flyway) and a down script of the same file name (run by
 * Stratum), keyed by the dialect's schema family. {@link #bundled()} is what this module ships
 * ({@code db/migration/<family>/} and {@code db/downgrade/<family>/}); tools and tests derive other sets from it, for example one with an
 * extra revision that fails, and run them with {@link #engine()}.
 */
@Api(Api.Status.EXPERIMENTAL)
public final class RevisionScripts {
    /** Up and down script file names: {@code V<version>__<description>.sql}, version digits separated by '.' or '_'. */
    public static final Pattern FILE_NAME = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    /** The bundled scripts of each schema family, read on first use. */
    private static final Map<String, Map<String, Pair>> BUNDLED = new ConcurrentHashMap<>();
    private static final RevisionScripts BUNDLED_SCRIPTS = new RevisionScripts(RevisionScripts::readBundled, Map.of());
    private static final RevisionScripts EMPTY = new RevisionScripts(family -> Map.of(), Map.of());

    /** The scripts of a schema family that {@link #overrides} does not replace. */
    private final Function<String, Map<String, Pair>> base;
    /** Schema family (the dialect's {@link Dialect#schemaFamily()}, its scripts' folder) to its scripts by file name. */
    private final Map<String, Map<String, Pair>> overrides;

    private record Pair(String up, String down) {
    }

    private RevisionScripts(Function<String, Map<String, Pair>> base, Map<String, Map<String, Pair>> overrides) {
        this.base = base;
        this.overrides = overrides;
    }

    /**
     * The revisions shipped in the stratum-migrations jar, for every dialect: a dialect's scripts are
     * those of its schema family ({@code db/migration/<family>/}), read when first asked for.
     */
    public static RevisionScripts bundled() {
        return BUNDLED_SCRIPTS;
    }

    private static Map<String, Pair> readBundled(String family) {
        return BUNDLED.computeIfAbsent(family, f -> {
            Map<String, Pair> pairs = new TreeMap<>();
            for (String fileName : BundledScripts.upFileNames(f)) {
                if (FILE_NAME.matcher(fileName).matches()) {
                    pairs.put(fileName, new Pair(BundledScripts.up(f, fileName), BundledScripts.down(f, fileName).orElse(null)));
                }
            }
            return Collections.unmodifiableMap(pairs);
        });
    }

    private Map<String, Pair> scripts(Dialect dialect) {
        Map<String, Pair> replaced = overrides.get(dialect.schemaFamily());
        return replaced != null ? replaced : base.apply(dialect.schemaFamily());
    }

    /** No revisions at all; add some with {@link #with}. */
    public static RevisionScripts empty() {
        return EMPTY;
    }

    /**
     * These revisions plus (or with a replaced) revision {@code fileName} of {@code dialect}.
     *
     * @param down the down script; {@code null} for a revision that cannot be reverted (a downgrade past
     *             it is refused before anything runs)
     */
    public RevisionScripts with(Dialect dialect, String fileName, String up, String down) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(up, "up");
        if (!FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("Revision file name '" + fileName + "' does not match V<n>__<name>.sql");
        }
        return copyWith(dialect, fileName, new Pair(up, down));
    }

    /** These revisions with the down script of revision {@code fileName} replaced. */
    public RevisionScripts withDown(Dialect dialect, String fileName, String down) {
        Pair existing = scripts(dialect).get(fileName);
        if (existing == null) {
            throw new IllegalArgumentException("No revision " + fileName + " for " + dialect.id() + "; known: "
                    + fileNames(dialect));
        }
        return copyWith(dialect, fileName, new Pair(existing.up(), down));
    }

    private RevisionScripts copyWith(Dialect dialect, String fileName, Pair pair) {
        Map<String, Map<String, Pair>> copy = new HashMap<>(overrides);
        Map<String, Pair> pairs = new TreeMap<>(scripts(dialect));
        pairs.put(fileName, pair);
        copy.put(dialect.schemaFamily(), Collections.unmodifiableMap(pairs));
        return new RevisionScripts(base, Collections.unmodifiableMap(copy));
    }

    /** File names of the dialect's up scripts, oldest revision first. */
    public List<String> fileNames(Dialect dialect) {
        List<String> names = new ArrayList<>(scripts(dialect).keySet());
        names.sort((a, b) -> Versions.compare(versionOf(a), versionOf(b)));
        return names;
    }

    /** The up script of a revision. */
    public String up(Dialect dialect, String fileName) {
        Pair pair = scripts(dialect).get(fileName);
        if (pair == null) {
            throw new MigrationException("Migration script db/migration/" + dialect.schemaFamily() + "/" + fileName + " is missing.");
        }
        return pair.up();
    }

    /** The down script of a revision, empty when it has none. */
    public Optional<String> down(Dialect dialect, String fileName) {
        Pair pair = scripts(dialect).get(fileName);
        return pair == null ? Optional.empty() : Optional.ofNullable(pair.down());
    }

    /** A migration engine running these revisions (the service the api loads runs {@link #bundled()}). */
    public MigrationEngine engine() {
        return new FlywayMigrationEngine(this);
    }

    /** The revision id of a script file name: {@code V2_1__x.sql} is {@code 2.1}. */
    public static String versionOf(String fileName) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Revision file name '" + fileName + "' does not match V<n>__<name>.sql");
        }
        return matcher.group(1).replace('_', '.');
    }

    /** The description of a script file name: {@code V2__deployment_version.sql} is {@code deployment version}. */
    public static String descriptionOf(String fileName) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Revision file name '" + fileName + "' does not match V<n>__<name>.sql");
        }
        return matcher.group(2).replace('_', ' ');
    }
}
