package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;

/** The whole retention contract again with log, events and event_resources in day partitions. */
class RetentionPartitionedPostgresTest extends RetentionPostgresTest {

    /** Runs after the contract's own {@code open()}: the migrated database is turned into the partitioned form. */
    @BeforeEach
    void partition() {
        db.historyPartitions().enable(1);
        assertThat(db.historyPartitions().enabled()).isTrue();
    }
}
