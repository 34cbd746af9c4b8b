package io.stratum.it;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.UnaryOperator;

class WorkerPollingSqliteTest extends WorkerPollingContract {
    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    /** SQLite serialises claimers: half the PostgreSQL backlog proves the same and keeps the suite short. */
    @Override
    int drainRunCount() {
        return 10_000;
    }

    /** SQLite stores UUIDs and timestamps as text (see SqlitePlatform). */
    @Override
    UnaryOperator<Object> toJdbc() {
        return value -> value instanceof UUID ? value.toString()
                : value instanceof Instant ? STORED.format((Instant) value) : value;
    }
}
