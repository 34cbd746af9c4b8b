package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.Stratum;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code connection_timeout} bounds opening a connection to a server that never answers: a loopback
 * socket that is listening but never accepts (the kernel completes the TCP handshake into its backlog,
 * then nothing replies to the startup message). Every path that connects — {@code isDbConnectable}, the
 * pool behind a session, a migration — gives up at connection_timeout ± 10%, not a multiple of it.
 */
class ConnectionTimeoutPostgresTest {
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aServerThatNeverAnswersFailsEachPathAtTheConnectionTimeout() throws Exception {
        // Loads and links the driver's classes first (about half a second in a fresh JVM), which is no part
        // of the timeout being measured: a closed port is refused at once.
        try (DatabaseInterface warmUp = Stratum.open(DatabaseSettings.builder()
                .url("jdbc:postgresql://127.0.0.1:" + DatabaseInterfaceContract.closedLoopbackPort() + "/stratum")
                .migrateOnStart(false).build())) {
            assertThat(warmUp.isDbConnectable()).isFalse();
        }
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/stratum";
            try (DatabaseInterface db = Stratum.open(DatabaseSettings.builder().url(url).user("postgres")
                    .password("never-sent").connectionTimeout(CONNECTION_TIMEOUT).poolTimeout(Duration.ofSeconds(30))
                    .migrateOnStart(false).build())) {
                long begun = System.nanoTime();
                assertThat(db.isDbConnectable()).isFalse();
                assertWithinTimeout("isDbConnectable", begun);

                begun = System.nanoTime();
                Throwable session = catchThrowable(() -> db.inTransaction(s -> null));
                assertWithinTimeout("a session's first connection", begun);
                assertThat(session).isInstanceOf(DatabaseUnavailableException.class).hasMessageContaining(url);

                begun = System.nanoTime();
                Throwable migration = catchThrowable(() -> db.migrations().current());
                assertWithinTimeout("a migration connection", begun);
                assertThat(migration).isInstanceOf(DatabaseUnavailableException.class);
            }
        }
    }

    private static void assertWithinTimeout(String path, long begunNanos) {
        long millis = (System.nanoTime() - begunNanos) / 1_000_000;
        assertThat(millis).as(path + " gives up at connection_timeout ± 10%")
                .isBetween(CONNECTION_TIMEOUT.toMillis() * 9 / 10, CONNECTION_TIMEOUT.toMillis() * 11 / 10);
    }
}
