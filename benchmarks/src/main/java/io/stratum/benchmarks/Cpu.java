package io.stratum.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU a timed run used: this JVM's process CPU time, and the PostgreSQL server's — utime + stime from
 * /proc of the backends connected to the benchmark's database plus the server's own processes (WAL
 * writer, checkpointer, autovacuum …; the server is on this machine, on loopback). Other databases'
 * backends (other users of the shared server) are left out.
 */
final class Cpu {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // USER_HZ: 100 on Linux

    private Cpu() {
    }

    /** CPU used over an elapsed time. */
    record Use(long jvmNanos, long postgresNanos, long elapsedNanos) {
        Use plus(Use other) {
            return new Use(jvmNanos + other.jvmNanos, postgresNanos + other.postgresNanos, elapsedNanos + other.elapsedNanos);
        }

        double seconds() {
            return elapsedNanos / 1e9;
        }
    }

    /** CPU counters at one moment: the JVM's, and PostgreSQL's per process id. */
    record Snapshot(long jvmNanos, Map<Long, Long> postgresTicks) {
        /** What was used since {@code before}; a server process that began in between counts from zero. */
        Use minus(Snapshot before, long elapsedNanos) {
            long ticks = 0;
            for (Map.Entry<Long, Long> each : postgresTicks.entrySet()) {
                ticks += each.getValue() - before.postgresTicks.getOrDefault(each.getKey(), 0L);
            }
            return new Use(jvmNanos - before.jvmNanos, ticks * NANOS_PER_TICK, elapsedNanos);
        }
    }

    /** Now; {@code database} null (or SQLite) takes the JVM only. */
    static Snapshot snapshot(BenchDatabase database) throws Exception {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        Map<Long, Long> ticks = new HashMap<>();
        if (database != null && Dialects.POSTGRESQL.equals(database.dialect())) {
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = "
                         + "current_database() OR backend_type <> 'client backend'")) {
                while (row.next()) {
                    long pid = row.getLong(1);
                    Long used = ticks(pid);
                    if (used != null) {
                        ticks.put(pid, used);
                    }
                }
            }
        }
        return new Snapshot(jvm, ticks);
    }

    /** utime + stime of a process, in clock ticks; null when it is gone or not readable. */
    private static Long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ", fields[0] is field 3 (state): utime is field 14, stime field 15.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
