package io.stratum.it;

import io.stratum.api.DatabaseSettings;
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
}
