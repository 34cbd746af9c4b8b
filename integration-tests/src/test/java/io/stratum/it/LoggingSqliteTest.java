package io.stratum.it;

import io.stratum.api.DatabaseSettings;

class LoggingSqliteTest extends LoggingContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    /** SQLite has no login; a password set anyway must still stay out of every record. */
    @Override
    DatabaseSettings.Builder settingsWithPassword(String secret) {
        return database.settings().password(secret);
    }
}
