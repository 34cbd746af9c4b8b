package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.Stratum;
import io.stratum.orm.model.FlowEntity;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code inReadOnlyTransaction} without {@code read_url}: it reads from the one database, every write in
 * it fails at once and stores nothing, and the pooled connection it used writes normally afterwards (the
 * read-only mode ends with the session). Run once per dialect; the replica itself is tested on a private
 * primary and standby ({@link StandbyPostgresTest}).
 */
abstract class ReadOnlySessionsContract {
    protected TestDatabase database;
    private DatabaseInterface db;

    abstract TestDatabase newDatabase();

    /** Words of the database's own refusal of a write in a read-only transaction. */
    abstract String readOnlyRefusal();

    @BeforeEach
    void open() {
        database = newDatabase();
        // One connection: the session after the read-only one gets the very same pooled connection.
        db = Stratum.open(database.settings().poolSize(1).maxOverflow(0).migrateOnStart(true).build());
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        database.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void readsWorkWritesFailAndTheConnectionWritesAgainAfterwards() {
        db.inTransaction(session -> {
            session.persist(new FlowEntity("written-before"));
            return null;
        });
        long read = db.inReadOnlyTransaction(session -> session.createQuery("SELECT count(f) FROM Flow f", Long.class)
                .getSingleResult());
        assertThat(read).isEqualTo(1);
        assertThat(db.readPoolStatistics()).as("no read_url: no pool of its own").isEmpty();

        assertThatThrownBy(() -> db.inReadOnlyTransaction(session -> {
            session.persist(new FlowEntity("written-in-read-only"));
            session.flush();
            return null;
        })).satisfies(e -> assertThat(causes(e)).containsIgnoringCase(readOnlyRefusal()));

        db.inTransaction(session -> {
            session.persist(new FlowEntity("written-after"));
            return null;
        });
        java.util.List<String> names = db.inReadOnlyTransaction(session -> session.createQuery(
                "SELECT f.name FROM Flow f ORDER BY f.name", String.class).getResultList());
        assertThat(names).containsExactly("written-after", "written-before");
    }

    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }
}
