package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Migrations;
import io.stratum.api.Revision;
import io.stratum.api.Stratum;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every revision round-trips, with data: walking up the revisions on one database, at each revision r
 * every table that has no rows gets seeded; then r is reverted and applied again. The schema after the
 * down step equals the schema recorded at r - 1, the schema after the up step equals the one before,
 * and the rows of the tables that survive the down step are intact (row count and a checksum over the
 * columns that exist at r - 1), after the down step and after the up step.
 */
abstract class MigrationRoundTripContract {
    private TestDatabase database;
    private DatabaseInterface db;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void createDatabase() {
        database = newDatabase();
        db = Stratum.open(database.settings().build());
    }

    @AfterEach
    void dropDatabase() {
        db.close();
        database.close();
    }

    @Test
    void everyRevisionRoundTripsWithSeededRows() throws Exception {
        Migrations migrations = db.migrations();
        TableSeeder seeder = new TableSeeder(database);
        SchemaSnapshot previous = SchemaSnapshot.of(database);
        String previousId = "base";
        List<String> report = new ArrayList<>();
        long fullUpgrade = 0;
        for (Revision revision : migrations.revisions()) {
            String r = revision.id();
            long started = System.nanoTime();
            assertThat(MigrationContract.ids(migrations.upgrade(r))).as("upgrade to %s", r).containsExactly(r);
            fullUpgrade += System.nanoTime() - started;
            List<String> seeded = seeder.seedEmptyTables();
            SchemaSnapshot atR = SchemaSnapshot.of(database);
            assertThat(SchemaSnapshot.rowChecksums(database, atR.columns())).as("every table holds rows at %s", r)
                    .hasSize(atR.tables().size()).allSatisfy((table, sum) -> assertThat(sum).doesNotStartWith("0 rows"));
            Map<String, List<String>> surviving = new LinkedHashMap<>(previous.columns());
            surviving.keySet().retainAll(atR.tables().keySet());
            Map<String, String> rowsBefore = SchemaSnapshot.rowChecksums(database, surviving);
            assertThat(rowsBefore.values()).as("surviving tables hold seeded rows at %s", r)
                    .allMatch(sum -> !sum.startsWith("0 rows"));

            assertThat(MigrationContract.ids(migrations.downgrade("-1"))).as("downgrade of %s", r).containsExactly(r);
            assertThat(migrations.current().orElse("base")).isEqualTo(previousId);
            assertThat(SchemaSnapshot.of(database).lines()).as("schema after reverting %s equals the schema at %s", r, previousId)
                    .containsExactlyElementsOf(previous.lines());
            assertThat(SchemaSnapshot.rowChecksums(database, surviving)).as("rows after reverting %s", r).isEqualTo(rowsBefore);

            assertThat(MigrationContract.ids(migrations.upgrade(r))).as("upgrade to %s again", r).containsExactly(r);
            assertThat(SchemaSnapshot.of(database).lines()).as("schema after re-applying %s", r)
                    .containsExactlyElementsOf(atR.lines());
            assertThat(SchemaSnapshot.rowChecksums(database, surviving)).as("rows after re-applying %s", r).isEqualTo(rowsBefore);

            report.add(r + ": " + atR.tables().size() + " tables, seeded " + seeded.size() + ", " + surviving.size()
                    + " surviving the down step");
            previous = atR;
            previousId = r;
        }
        assertThat(previous.tables()).isNotEmpty();
        System.out.println("[round-trip " + database.dialect().id() + "] " + String.join("; ", report));
        System.out.println("[timing] full upgrade from empty on " + database.dialect().id() + " (revision by revision): "
                + Duration.ofNanos(fullUpgrade).toMillis() + " ms");
    }
}
