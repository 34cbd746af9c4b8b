package io.stratum.it;

import io.stratum.api.DatabaseSettings;
import io.stratum.api.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** A fresh database of one dialect, private to one test, removed by {@link #close()}. */
public interface TestDatabase extends AutoCloseable {

    Dialect dialect();

    /** Settings pointing at this database (migrate on start off, so tests decide when to migrate). */
    DatabaseSettings.Builder settings();

    /** A plain JDBC connection to this database, outside any pool. */
    Connection connect() throws SQLException;

    @Override
    void close();
}
