package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseCorruptException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.SchemaStatus;
import io.stratum.api.Stratum;
import io.stratum.orm.model.FlowEntity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQLite files Stratum makes and the ones it only reads: a new home folder and database are
 * private (0700, 0600, and SQLite's -wal and -shm files inherit 0600); existing modes are left alone;
 * a read-only ("inspection") open creates no file at all, and sees what an open writer committed; a
 * file SQLite itself calls "not a database" is a {@link DatabaseCorruptException}.
 *
 * <p>In-process tests run with the build's umask; the CLI test {@code SqliteDistributionIT} repeats
 * the modes under an explicit {@code umask 022}, and the read-only folder as an unprivileged user
 * (this process runs as root in CI, where a mode 555 folder would not stop a write).
 */
class FilesSqliteTest {
    private Path scratch;
    private String previousHome;

    @BeforeEach
    void scratch() throws IOException {
        scratch = Files.createTempDirectory("stratum-files-");
        previousHome = System.getProperty(DatabaseSettings.HOME_SYSTEM_PROPERTY);
    }

    @AfterEach
    void removeScratch() throws IOException {
        if (previousHome == null) {
            System.clearProperty(DatabaseSettings.HOME_SYSTEM_PROPERTY);
        } else {
            System.setProperty(DatabaseSettings.HOME_SYSTEM_PROPERTY, previousHome);
        }
        try (Stream<Path> paths = Files.walk(scratch)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aNewHomeAndDatabaseArePrivateAndSoAreTheWalAndShmFiles() throws Exception {
        Path probe = Files.createFile(scratch.resolve("umask-probe"));
        System.out.println("[files] a plain new file here gets " + mode(probe) + " (the process umask at work)");
        Path home = scratch.resolve("home");
        System.setProperty(DatabaseSettings.HOME_SYSTEM_PROPERTY, home.toString());
        try (DatabaseInterface db = Stratum.open(DatabaseSettings.builder().home(home).build())) {
            Map<String, String> whileOpen = db.sessionContext(true, false, session -> {
                session.persist(new FlowEntity("private"));
                session.flush();
                return modes(home);
            });
            assertThat(mode(home)).isEqualTo("rwx------");
            assertThat(whileOpen).containsEntry("stratum.db", "rw-------")
                    .containsEntry("stratum.db-wal", "rw-------").containsEntry("stratum.db-shm", "rw-------");
        }
        assertThat(modes(home)).isEqualTo(Map.of("stratum.db", "rw-------"));
    }

    @Test
    void existingFoldersAndFilesKeepTheirModes() throws Exception {
        Path home = Files.createDirectories(scratch.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-x---"));
        Path file = Files.createFile(home.resolve("stratum.db"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        System.setProperty(DatabaseSettings.HOME_SYSTEM_PROPERTY, home.toString());
        try (DatabaseInterface db = Stratum.open(DatabaseSettings.builder().home(home).build())) {
            assertThat(db.migrations().status().state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
        }
        assertThat(mode(home)).isEqualTo("rwxr-x---");
        assertThat(mode(file)).isEqualTo("rw-r-----");
    }

    @Test
    void aReadOnlyInspectionOfAWalDatabaseCreatesNoFileAndWritesNothing() throws Exception {
        Path file = scratch.resolve("stratum.db");
        try (DatabaseInterface writer = Stratum.open(settings("jdbc:sqlite:" + file).build())) {
            writer.inTransaction(session -> {
                session.persist(new FlowEntity("inspected"));
                return null;
            });
        }
        Map<String, String> before = contents(scratch);
        assertThat(before).containsOnlyKeys("stratum.db");

        try (DatabaseInterface inspector = Stratum.open(settings("jdbc:sqlite:" + file).readOnly(true).build())) {
            assertThat(inspector.isDbConnectable()).isTrue();
            inspector.checkConnectable();
            assertThat(inspector.migrations().status().state()).isEqualTo(SchemaStatus.State.UP_TO_DATE);
            assertThat(inspector.migrations().history()).isNotEmpty();
            assertThat(inspector.verifySchema().isClean()).as(inspector.verifySchema().toString()).isTrue();
            assertThat(flowNames(inspector)).containsExactly("inspected");
            assertThat(contents(scratch)).as("files while the inspector is open").isEqualTo(before);
            assertThatThrownBy(() -> inspector.inTransaction(session -> {
                session.persist(new FlowEntity("refused"));
                return null;
            })).hasStackTraceContaining("readonly");
        }
        assertThat(contents(scratch)).as("files after the inspection").isEqualTo(before);
    }

    @Test
    void aReadOnlyInspectionSeesWhatAnOpenWriterCommitted() throws Exception {
        Path file = scratch.resolve("stratum.db");
        try (DatabaseInterface writer = Stratum.open(settings("jdbc:sqlite:" + file).build())) {
            writer.inTransaction(session -> {
                session.persist(new FlowEntity("committed while open"));
                return null;
            });
            assertThat(Files.exists(Path.of(file + "-wal"))).as("the writer's -wal file").isTrue();
            // Another URL for the same file: one process may hold a writer and an inspector side by side.
            try (DatabaseInterface inspector = Stratum.open(settings("jdbc:sqlite:file:" + file)
                    .readOnly(true).build())) {
                assertThat(flowNames(inspector)).containsExactly("committed while open");
            }
        }
    }

    @Test
    void aFileSqliteCallsNotADatabaseIsReportedAsDamaged() throws Exception {
        Path file = scratch.resolve("stratum.db");
        Stratum.open(settings("jdbc:sqlite:" + file).build()).close();
        byte[] bytes = Files.readAllBytes(file);
        // The header's page size (offset 16, big-endian) set to 3, which no SQLite database has.
        bytes[16] = 0;
        bytes[17] = 3;
        Files.write(file, bytes);
        Map<String, String> before = contents(scratch);
        for (boolean readOnly : new boolean[] {false, true}) {
            assertThatThrownBy(() -> {
                try (DatabaseInterface db = Stratum.open(settings("jdbc:sqlite:" + file).readOnly(readOnly).build())) {
                    db.checkConnectable();
                    db.migrations().current();
                }
            }).as("read-only " + readOnly).isExactlyInstanceOf(DatabaseCorruptException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("SQLITE_NOTADB")
                    .hasMessageContaining("Restore it from a backup").hasMessageContaining("PRAGMA integrity_check");
            assertThat(contents(scratch)).isEqualTo(before);
        }
    }

    private static DatabaseSettings.Builder settings(String url) {
        return DatabaseSettings.builder().url(url).migrateOnStart(true);
    }

    private static java.util.List<String> flowNames(DatabaseInterface db) {
        return db.sessionContext(false, false, session -> session.createQuery("SELECT f.name FROM Flow f", String.class)
                .getResultList());
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static Map<String, String> modes(Path folder) {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> {
                try {
                    modes.put(f.getFileName().toString(), mode(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modes;
    }

    /** Name, mode and content hash of every file in the folder. */
    private static Map<String, String> contents(Path folder) {
        Map<String, String> listing = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> {
                try {
                    listing.put(f.getFileName().toString(), mode(f) + " " + Arrays.hashCode(Files.readAllBytes(f)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return listing;
    }
}
