package io.stratum.dialect.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new database file starts in rollback-journal mode, and every connection asks for WAL mode. Callers
 * that prepare the file and connect at the same moment (several migration callers or processes on a
 * new database) must all connect: the switch to WAL takes the file's exclusive lock, and SQLite refuses
 * racing switches with SQLITE_BUSY at once, busy timeout or not (three callers, 20 of 300 rounds).
 */
class NewFileSqliteTest {
    private static final int CALLERS = 4;

    private final SqliteDialect dialect = new SqliteDialect();
    private Path scratch;
    private ExecutorService threads;

    @BeforeEach
    void scratch() throws Exception {
        scratch = Files.createTempDirectory("stratum-new-file-");
        threads = Executors.newFixedThreadPool(CALLERS);
    }

    @AfterEach
    void removeScratch() throws Exception {
        threads.shutdownNow();
        try (Stream<Path> paths = Files.walk(scratch)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void callersPreparingAndConnectingAtOnceAllConnectAndTheFileIsInWalMode() throws Exception {
        for (int round = 0; round < 100; round++) {
            Path file = scratch.resolve("new-" + round + ".db");
            DatabaseSettings settings = DatabaseSettings.builder().url("jdbc:sqlite:" + file).build();
            CyclicBarrier together = new CyclicBarrier(CALLERS);
            List<Future<?>> callers = new ArrayList<>();
            for (int caller = 0; caller < CALLERS; caller++) {
                callers.add(threads.submit(() -> {
                    together.await();
                    dialect.prepareStorage(settings, true);
                    Properties properties = new Properties();
                    properties.putAll(dialect.connectionProperties(settings));
                    try (Connection connection = new org.sqlite.JDBC().connect(settings.url(), properties)) {
                        return connection.isValid(1);
                    }
                }));
            }
            for (Future<?> caller : callers) {
                assertThat(caller.get(60, TimeUnit.SECONDS)).as("round " + round).isEqualTo(true);
            }
            byte[] header = Arrays.copyOf(Files.readAllBytes(file), 20);
            assertThat(new byte[] {header[18], header[19]}).as("round " + round + ": WAL mode").containsExactly(2, 2);
        }
    }
}
