package io.stratum.it;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Stratum;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A new database of the subclass's dialect for every test, and every interface a test opens on it
 * closed before the database is dropped.
 */
abstract class FreshDatabaseContract {
    protected TestDatabase database;
    private final List<DatabaseInterface> opened = new ArrayList<>();

    abstract TestDatabase newDatabase();

    @BeforeEach
    void createDatabase() {
        database = newDatabase();
    }

    @AfterEach
    void dropDatabase() {
        opened.forEach(DatabaseInterface::close);
        database.close();
    }

    DatabaseInterface open(DatabaseSettings settings) {
        DatabaseInterface db = Stratum.open(settings);
        opened.add(db);
        return db;
    }
}
