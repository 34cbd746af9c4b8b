package io.stratum.it;

import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/** A SQLite file in its own temporary folder. */
public final class SqliteTestDatabase implements TestDatabase {
    private final Path folder;
    private final Path file;

    public SqliteTestDatabase() {
        try {
            folder = Files.createTempDirectory("stratum-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file = folder.resolve("stratum.db");
    }

    public Path file() {
        return file;
    }

    @Override
    public Dialect dialect() {
        return Dialects.SQLITE;
    }

    @Override
    public DatabaseSettings.Builder settings() {
        return DatabaseSettings.builder().url("jdbc:sqlite:" + file).migrateOnStart(false);
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
