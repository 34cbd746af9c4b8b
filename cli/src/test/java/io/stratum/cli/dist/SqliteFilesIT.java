package io.stratum.cli.dist;

import static io.stratum.cli.ExitCode.CONFIGURATION;
import static io.stratum.cli.ExitCode.CORRUPT;
import static io.stratum.cli.ExitCode.FAILURE;
import static io.stratum.cli.ExitCode.NO_DATABASE;
import static io.stratum.cli.ExitCode.OK;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite files from the operator's side, with the built distribution: read-only commands create
 * nothing (a missing file is exit 9), a database in a read-only folder can be inspected by a user who
 * cannot write there, a new home and database are private under umask 022, damaged files are exit 10,
 * and symbolic links are refused. Every case lists the folder's files (name, mode, content hash)
 * before and after.
 */
class SqliteFilesIT {
    private static final String[][] READ_ONLY_COMMANDS = {
        {"database", "check"}, {"database", "current"}, {"database", "history"}, {"database", "verify"}};

    @TempDir
    Path dir;

    private Distribution stratum;

    @BeforeEach
    void setUp() {
        stratum = Distribution.built().env("STRATUM_HOME", dir.resolve("home").toString());
    }

    @Test
    void readOnlyCommandsOnAMissingFileCreateNothingAndSaySo() {
        Path typo = dir.resolve("stratum.bd");
        Path inMissingFolder = dir.resolve("no-such-folder").resolve("stratum.db");
        for (Path missing : List.of(typo, inMissingFolder, dir.resolve("home").resolve("stratum.db"))) {
            for (String[] command : READ_ONLY_COMMANDS) {
                Map<String, String> before = files(dir);
                Distribution.Result result = stratum.run(with(command, "--url", "jdbc:sqlite:" + missing)).exits(NO_DATABASE);
                assertThat(result.out()).isEmpty();
                assertThat(result.err().strip()).doesNotContain("\n").startsWith("Error: No database at " + missing)
                        .contains("nothing was created", "STRATUM_DATABASE_URL", "stratum database upgrade");
                assertThat(files(dir)).as("files after " + result.command()).isEqualTo(before);
            }
        }
        // The default location too: no home folder appears.
        stratum.run("database", "check").exits(NO_DATABASE);
        assertThat(files(dir)).isEmpty();
    }

    /** Dry runs and plans only look; a downgrade has nothing to undo in a database that does not exist. */
    @Test
    void dryRunsPlansAndDowngradesOfAMissingFileCreateNothing() {
        Path missing = dir.resolve("new.db");
        String url = "jdbc:sqlite:" + missing;
        Map<String, String> before = files(dir);

        Distribution.Result upgrade = stratum.run("database", "upgrade", "--dry-run", "--url", url).exits(OK);
        assertThat(upgrade.out()).contains("Nothing was changed", "-- Upgrade to revision 1 ", "CREATE TABLE");
        Distribution.Result stamp = stratum.run("database", "stamp", "head", "--dry-run", "--url", url).exits(OK);
        assertThat(stamp.out()).contains("from revision base to revision", "Nothing was changed");
        stratum.run("database", "stamp", "head", "--url", url).exits(FAILURE);
        for (String[] downgrade : new String[][] {{"--dry-run"}, {"-y"}}) {
            Distribution.Result result = stratum.run(with(new String[] {"database", "downgrade"},
                    with(downgrade, "--url", url))).exits(NO_DATABASE);
            assertThat(result.err()).contains("No database at " + missing, "nothing was created");
        }
        assertThat(files(dir)).as("nothing created by dry runs, plans or downgrades").isEqualTo(before);
    }

    @Test
    void upgradeCreatesAPrivateHomeAndDatabaseUnderUmask022() throws Exception {
        Path home = dir.resolve("home");
        Distribution.Result upgrade = stratum.runInShell("umask 022", null, "database", "upgrade", "-y").exits(OK);
        assertThat(upgrade.out()).contains("Migrations succeeded!");
        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(files(home)).containsOnlyKeys("stratum.db");
        assertThat(mode(home.resolve("stratum.db"))).isEqualTo("rw-------");
        // A file the same umask gives a plain new file, for contrast.
        stratum.runInShell("umask 022; : > " + dir.resolve("plain"), null, "--version").exits(OK);
        assertThat(mode(dir.resolve("plain"))).isEqualTo("rw-r--r--");

        // An existing database and folder keep the modes their owner chose.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(home.resolve("stratum.db"), PosixFilePermissions.fromString("rw-r-----"));
        stratum.runInShell("umask 022", null, "database", "downgrade", "-y").exits(OK);
        stratum.runInShell("umask 022", null, "database", "upgrade", "-y").exits(OK);
        assertThat(mode(home)).isEqualTo("rwxr-x---");
        assertThat(mode(home.resolve("stratum.db"))).isEqualTo("rw-r-----");
    }

    /**
     * A WAL database (Stratum's) in a folder of mode 555, read by a user who cannot write there. This
     * process is root in CI, and root writes through any mode, so the commands then run as
     * {@code nobody} (runuser); as any other user they run as that user.
     */
    @Test
    void aDatabaseInAReadOnlyFolderCanBeInspectedByAUserWhoCannotWriteThere() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("read-only"));
        Path file = folder.resolve("stratum.db");
        String url = "jdbc:sqlite:" + file;
        stratum.run("database", "upgrade", "-y", "--url", url).exits(OK);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        String user = isRoot() ? "nobody" : null;
        Map<String, String> before = files(folder);
        assertThat(before).containsOnlyKeys("stratum.db");
        try {
            Distribution.Result check = stratum.runInShell("umask 022", user, "database", "check", "--url", url).exits(OK);
            assertThat(check.out()).contains("is up to date");
            assertThat(stratum.runInShell("umask 022", user, "database", "current", "--url", url).exits(OK).out()).isNotBlank();
            assertThat(stratum.runInShell("umask 022", user, "database", "history", "--url", url).exits(OK).out())
                    .contains("(current)");
            assertThat(stratum.runInShell("umask 022", user, "database", "verify", "--url", url).exits(OK).out())
                    .contains("matches the model");
            assertThat(files(folder)).as("nothing created in the read-only folder").isEqualTo(before);
            // A writer there is refused up front, naming the folder.
            Distribution.Result upgrade = stratum.runInShell("umask 022", user, "database", "downgrade", "-y", "--url", url)
                    .exits(CONFIGURATION);
            assertThat(upgrade.err()).contains(folder.toString(), "not writable");
            assertThat(files(folder)).isEqualTo(before);
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void damagedFilesAreTheirOwnErrorAndStayUntouched() throws Exception {
        Path whole = dir.resolve("whole.db");
        stratum.run("database", "upgrade", "-y", "--url", "jdbc:sqlite:" + whole).exits(OK);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.db"), Arrays.copyOf(bytes, bytes.length / 5));
        byte[] random = new byte[64 * 1024];
        new Random(7).nextBytes(random);
        Path randomBytes = Files.write(dir.resolve("random.db"), random);
        Path text = Files.writeString(dir.resolve("notes.db"), "meeting notes, not a database\n".repeat(100));
        Map<Path, String> saysSqlite = Map.of(truncated, "SQLITE_CORRUPT", randomBytes, "SQLite header", text, "SQLite header");
        for (Map.Entry<Path, String> damaged : saysSqlite.entrySet()) {
            for (String[] command : new String[][] {{"database", "check"}, {"database", "history"},
                    {"database", "verify"}, {"database", "upgrade", "-y"}}) {
                Map<String, String> before = files(dir);
                Distribution.Result result = stratum.run(with(command, "--url", "jdbc:sqlite:" + damaged.getKey()))
                        .exits(CORRUPT);
                assertThat(result.err().strip()).doesNotContain("\n").contains(damaged.getKey().toString(),
                        "is damaged or is not a database", damaged.getValue(), "Restore it from a backup",
                        "PRAGMA integrity_check").doesNotContain("unreachable");
                assertThat(files(dir)).as("files after " + result.command()).isEqualTo(before);
            }
        }
    }

    @Test
    void symbolicLinksToTheDatabaseOrHomeAreRefusedUnlessAllowed() throws Exception {
        Path real = dir.resolve("real.db");
        stratum.run("database", "upgrade", "-y", "--url", "jdbc:sqlite:" + real).exits(OK);
        Path live = Files.createSymbolicLink(dir.resolve("live.db"), real);
        Path nowhere = dir.resolve("nowhere.db");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.db"), nowhere);
        Map<String, String> before = files(dir);
        for (String[] command : new String[][] {{"database", "check"}, {"database", "upgrade", "-y"}}) {
            assertThat(stratum.run(with(command, "--url", "jdbc:sqlite:" + live)).exits(CONFIGURATION).err())
                    .contains(live + " is a symbolic link to " + real, "STRATUM_DATABASE_ALLOW_SYMLINKS=true");
            assertThat(stratum.run(with(command, "--url", "jdbc:sqlite:" + dangling)).exits(CONFIGURATION).err())
                    .contains(dangling + " is a symbolic link to " + nowhere + ", which does not exist");
            assertThat(files(dir)).as("the targets are neither created nor changed").isEqualTo(before);
        }
        Path linkedHome = Files.createSymbolicLink(dir.resolve("linked-home"), Files.createDirectories(dir.resolve("home")));
        assertThat(stratum.env("STRATUM_HOME", linkedHome.toString()).run("database", "upgrade", "-y").exits(CONFIGURATION)
                .err()).contains("home folder " + linkedHome + " is a symbolic link to " + dir.resolve("home"));
        assertThat(files(dir.resolve("home"))).isEmpty();

        stratum.env("STRATUM_DATABASE_ALLOW_SYMLINKS", "true");
        assertThat(stratum.run("database", "check", "--url", "jdbc:sqlite:" + live).exits(OK).out()).contains("up to date");
    }

    private static String[] with(String[] command, String... more) {
        return Stream.concat(Arrays.stream(command), Arrays.stream(more)).toArray(String[]::new);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    /** Every file and folder under {@code folder}: a link's target, or mode and content hash. */
    private static Map<String, String> files(Path folder) {
        Map<String, String> listing = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.filter(p -> !p.equals(folder)).forEach(p -> {
                try {
                    listing.put(folder.relativize(p).toString(), Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                            : mode(p) + (Files.isDirectory(p) ? " folder" : " " + Arrays.hashCode(Files.readAllBytes(p))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listing;
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }
}
