package io.stratum.it;

import io.stratum.api.DatabaseSettings;
import java.nio.file.Path;
import java.util.UUID;

class MetricsSqliteTest extends MetricsContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    /** A file that does not exist: the health check creates nothing, so there is nothing to reach. */
    @Override
    DatabaseSettings.Builder unreachable() {
        Path missing = Path.of(System.getProperty("java.io.tmpdir"), "stratum-health-" + UUID.randomUUID() + ".db");
        return DatabaseSettings.builder().url("jdbc:sqlite:" + missing);
    }

    @Override
    int writerConnections() {
        return 1;
    }
}
