package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Health;
import io.stratum.api.Stratum;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

class MetricsPostgresTest extends MetricsContract {

    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }

    /** A loopback port nothing listens on: taken from the system, then closed. */
    @Override
    DatabaseSettings.Builder unreachable() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DatabaseSettings.builder().url("jdbc:postgresql://127.0.0.1:" + port + "/stratum_health")
                .user("postgres");
    }

    /**
     * A server that accepts the connection and never answers (a listening loopback socket nobody reads):
     * health() still answers within connection_timeout, not reachable, saying why.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void healthOfAServerThatNeverAnswersReturnsWithinTheConnectionTimeout() throws IOException {
        Duration connectionTimeout = Duration.ofSeconds(2);
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             DatabaseInterface db = Stratum.open(DatabaseSettings.builder()
                     .url("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/stratum_health").user("postgres")
                     .password("never-shown").connectionTimeout(connectionTimeout).migrateOnStart(false).build())) {
            Health health = db.health();
            assertThat(health.reachable()).isFalse();
            assertThat(health.failure()).isPresent();
            assertThat(health.failure().get()).doesNotContain("never-shown");
            assertThat(health.took()).as("bounded by connection_timeout")
                    .isLessThanOrEqualTo(connectionTimeout.plusSeconds(1));
        }
    }
}
