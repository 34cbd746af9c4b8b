package io.stratum.it;

import java.util.List;

class HistoryPartitionsSqliteTest extends HistoryPartitionsContract {

    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    @Override
    boolean partitions() {
        return false;
    }

    @Override
    List<String> partitionsOf(String table) {
        return List.of();
    }
}
