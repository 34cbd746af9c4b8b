package io.stratum.it;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseCorruptException;
import io.stratum.api.DatabaseNotFoundException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Stratum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * The bad-input catalogue on SQLite, plus database files and folders that cannot work. Each case's
 * probe lists the files under a scratch folder (name, size, content hash), so "nothing was created,
 * nothing was changed" is checked on the file system.
 *
 * <p>As root, file permissions do not stop anybody: a folder made read-only (mode 555) is still
 * writable, so SQLite would succeed. There the read-only-folder case uses a path whose "folder" is a
 * regular file, which no user can create files in; and the read-only-file case is left out (logged),
 * since no mode makes a file read-only for root.
 */
class BadInputSqliteTest extends BadInputContract {
    private Path scratch;

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @AfterAll
    void removeScratch() throws IOException {
        if (scratch != null) {
            scratch.toFile().setWritable(true);
            try (Stream<Path> paths = Files.walk(scratch)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                    path.toFile().setWritable(true);
                    path.toFile().delete();
                });
            }
        }
    }

    /**
     * Opens without migrating (which touches nothing: the readiness-probe contract) and checks, as the
     * CLI's read-only commands do: the error comes from the first use.
     */
    private static Object checked(DatabaseSettings.Builder settings) {
        try (DatabaseInterface db = Stratum.open(settings.build())) {
            db.checkConnectable();
            return db;
        }
    }

    private static DatabaseSettings.Builder url(String url) {
        return DatabaseSettings.builder().url(url).migrateOnStart(true);
    }

    @Override
    List<Case> dialectCases() throws Exception {
        scratch = Files.createTempDirectory("stratum-bad-input-");
        boolean root = isRoot();
        Path missing = scratch.resolve("missing").resolve("deeper").resolve("stratum.db");
        Path aFile = Files.writeString(scratch.resolve("plain-file.txt"), "not a folder\n");
        Path underAFile = aFile.resolve("stratum.db");
        Path aFolder = Files.createDirectories(scratch.resolve("a-folder.db"));
        Path notADatabase = Files.writeString(scratch.resolve("notes.db"), "These are notes, not a SQLite database.\n"
                .repeat(200));
        Path randomBytes = Files.write(scratch.resolve("random.db"), randomBytes(64 * 1024));
        Path truncated = scratch.resolve("truncated.db");
        try (SqliteTestDatabase whole = new SqliteTestDatabase()) {
            Stratum.open(whole.settings().migrateOnStart(true).build()).close();
            byte[] bytes = Files.readAllBytes(whole.file());
            // The header and the first pages survive; the tables' pages are gone.
            Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 5));
        }
        Path absent = scratch.resolve("typo.db");
        Path liveLink = Files.createSymbolicLink(scratch.resolve("live-link.db"), truncated);
        Path danglingLink = Files.createSymbolicLink(scratch.resolve("dangling-link.db"), absent);
        List<Case> cases = new ArrayList<>(List.of(
                bad("missing folder", ConfigurationException.class,
                        List.of(missing.getParent().toString(), "does not exist", "STRATUM_DATABASE_URL"),
                        () -> Stratum.open(url("jdbc:sqlite:" + missing).build()), this::files),
                bad("a database path inside a regular file (its folder cannot exist)", ConfigurationException.class,
                        List.of(aFile.toString(), "is a file, not a folder"),
                        () -> Stratum.open(url("jdbc:sqlite:" + underAFile).build()), this::files),
                bad("a database path that is a folder", ConfigurationException.class,
                        List.of(aFolder.toString(), "is a folder, not a file"),
                        () -> Stratum.open(url("jdbc:sqlite:" + aFolder).build()), this::files),
                bad("a database path with a NUL character", ConfigurationException.class,
                        List.of("names no usable file", "x\\0.db", "jdbc:sqlite:<path to a file>"),
                        () -> Stratum.open(url("jdbc:sqlite:" + scratch.resolve("x") + "\u0000.db").build()),
                        this::files),
                bad("a file that is not a SQLite database (text)", DatabaseCorruptException.class,
                        List.of(notADatabase.toString(), "is damaged or is not a database", "SQLite header", "left untouched",
                                "Restore it from a backup", "PRAGMA integrity_check"),
                        () -> Stratum.open(url("jdbc:sqlite:" + notADatabase).build()), this::files),
                bad("a file that is not a SQLite database, migrate on start off", DatabaseCorruptException.class,
                        List.of(notADatabase.toString(), "is damaged or is not a database"),
                        () -> checked(url("jdbc:sqlite:" + notADatabase).migrateOnStart(false)),
                        this::files),
                bad("a file of random bytes", DatabaseCorruptException.class,
                        List.of(randomBytes.toString(), "is damaged or is not a database", "Restore it from a backup",
                                "PRAGMA integrity_check"),
                        () -> Stratum.open(url("jdbc:sqlite:" + randomBytes).build()), this::files),
                bad("a truncated database, migrate on start", DatabaseCorruptException.class,
                        List.of(truncated.toString(), "is damaged or is not a database", "SQLITE_CORRUPT",
                                "Restore it from a backup", "PRAGMA integrity_check"),
                        () -> Stratum.open(url("jdbc:sqlite:" + truncated).build()), this::files),
                bad("a truncated database, read in a session", DatabaseCorruptException.class,
                        List.of(truncated.toString(), "SQLITE_CORRUPT", "Restore it from a backup"), () -> {
                            try (DatabaseInterface damaged = Stratum.open(url("jdbc:sqlite:" + truncated)
                                    .migrateOnStart(false).build())) {
                                return damaged.inTransaction(session -> session.createQuery(
                                        "SELECT COUNT(f) FROM Flow f", Long.class).getSingleResult());
                            }
                        }, this::files),
                bad("a truncated database, read-only inspection (history)", DatabaseCorruptException.class,
                        List.of(truncated.toString(), "SQLITE_CORRUPT", "PRAGMA integrity_check"), () -> {
                            try (DatabaseInterface damaged = Stratum.open(url("jdbc:sqlite:" + truncated)
                                    .readOnly(true).build())) {
                                return damaged.migrations().history();
                            }
                        }, this::files),
                bad("no database file, read-only: nothing created", DatabaseNotFoundException.class,
                        List.of("No database at " + absent, "nothing was created", "STRATUM_DATABASE_URL",
                                "stratum database upgrade"),
                        () -> checked(url("jdbc:sqlite:" + absent).readOnly(true)), this::files),
                bad("no database file nor folder, read-only: nothing created", DatabaseNotFoundException.class,
                        List.of("No database at " + missing),
                        () -> checked(url("jdbc:sqlite:" + missing).readOnly(true)), this::files),
                bad("no database file, checkConnectable (isDbConnectable false): nothing created",
                        DatabaseNotFoundException.class, List.of("No database at " + absent), () -> {
                            try (DatabaseInterface lazy = Stratum.open(url("jdbc:sqlite:" + absent)
                                    .migrateOnStart(false).build())) {
                                if (lazy.isDbConnectable()) {
                                    throw new AssertionError("isDbConnectable() said true for a missing file");
                                }
                                lazy.checkConnectable();
                                return null;
                            }
                        }, this::files),
                bad("the database file is a symbolic link", ConfigurationException.class,
                        List.of(liveLink + " is a symbolic link to " + truncated, "STRATUM_DATABASE_ALLOW_SYMLINKS=true"),
                        () -> Stratum.open(url("jdbc:sqlite:" + liveLink).build()), this::files),
                bad("the database file is a dangling symbolic link (its target is not created)", ConfigurationException.class,
                        List.of(danglingLink + " is a symbolic link to " + absent + ", which does not exist",
                                "STRATUM_DATABASE_ALLOW_SYMLINKS=true"),
                        () -> Stratum.open(url("jdbc:sqlite:" + danglingLink).build()), this::files),
                bad("the database file is a dangling symbolic link, read-only", ConfigurationException.class,
                        List.of(danglingLink + " is a symbolic link to " + absent),
                        () -> checked(url("jdbc:sqlite:" + danglingLink).readOnly(true)),
                        this::files)));
        if (root) {
            // Root writes anywhere permissions say no: the only folder nobody can create a file in is one
            // that cannot exist (its path runs through a regular file), covered above.
            System.out.println("[bad-input] running as root: the read-only folder is a path under a regular file, and "
                    + "the read-only database file case is left out (permissions do not bind root)");
            cases.add(bad("read-only folder (as root: a path under a regular file)", ConfigurationException.class,
                    List.of(aFile.toString(), "is a file, not a folder", "writable folder"),
                    () -> Stratum.open(url("jdbc:sqlite:" + aFile.resolve("data").resolve("stratum.db")).build()),
                    this::files));
        } else {
            Path readOnlyFolder = Files.createDirectories(scratch.resolve("read-only"));
            Files.setPosixFilePermissions(readOnlyFolder, PosixFilePermissions.fromString("r-xr-xr-x"));
            cases.add(bad("read-only folder", ConfigurationException.class,
                    List.of(readOnlyFolder.toString(), "not writable", "-wal"),
                    () -> Stratum.open(url("jdbc:sqlite:" + readOnlyFolder.resolve("stratum.db")).build()),
                    this::files));
            Path readOnlyFile = Files.writeString(scratch.resolve("read-only.db"), "");
            Files.setPosixFilePermissions(readOnlyFile, PosixFilePermissions.fromString("r--r--r--"));
            cases.add(bad("read-only database file", ConfigurationException.class,
                    List.of(readOnlyFile.toString(), "is read-only"),
                    () -> Stratum.open(url("jdbc:sqlite:" + readOnlyFile).build()), this::files));
        }
        return cases;
    }

    /** Every file and folder under the scratch folder with its size and a hash of its content. */
    private Object files() {
        TreeMap<String, String> listing = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(scratch)) {
            paths.forEach(path -> {
                try {
                    listing.put(scratch.relativize(path).toString(), Files.isSymbolicLink(path)
                            ? "link to " + Files.readSymbolicLink(path) : Files.isDirectory(path) ? "folder"
                            : Files.size(path) + " bytes, hash " + java.util.Arrays.hashCode(Files.readAllBytes(path)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listing.toString();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new java.util.Random(13).nextBytes(bytes);
        return bytes;
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
