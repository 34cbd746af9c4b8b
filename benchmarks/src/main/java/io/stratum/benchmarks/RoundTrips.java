package io.stratum.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Round trips to PostgreSQL, counted in an untimed pass: pgjdbc 42.7 logs {@code " FE=> Sync"} at FINEST
 * in {@code QueryExecutorImpl.sendSync}, which sends Sync and flushes; the driver then reads until
 * ReadyForQuery. One Sync is one round trip (a JDBC batch or a pipelined statement list ends in one).
 */
final class RoundTrips {
    /** Held so the logger and its level are not collected while counting. */
    private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    private RoundTrips() {
    }

    /** Round trips per run of one untimed, verified run of {@code runs}. */
    static double perRun(LifecycleBenchmark.Contender contender, int runs) throws Exception {
        contender.prepare(runs);
        SyncCounter counter = new SyncCounter();
        Level level = DRIVER.getLevel();
        DRIVER.addHandler(counter);
        DRIVER.setLevel(Level.FINEST);
        long done;
        try {
            done = contender.run();
        } finally {
            DRIVER.setLevel(level);
            DRIVER.removeHandler(counter);
        }
        contender.verify(runs);
        if (done != runs) {
            throw new IllegalStateException(contender.name() + " did " + done + " of " + runs + " runs");
        }
        return counter.syncs.get() / (double) runs;
    }

    /** Round trips per unit of one untimed, verified run of {@code workload}. */
    static double perUnit(Workload workload) throws Exception {
        workload.prepare();
        SyncCounter counter = new SyncCounter();
        Level level = DRIVER.getLevel();
        DRIVER.addHandler(counter);
        DRIVER.setLevel(Level.FINEST);
        long units;
        try {
            units = workload.run();
        } finally {
            DRIVER.setLevel(level);
            DRIVER.removeHandler(counter);
        }
        workload.verify();
        return counter.syncs.get() / (double) units;
    }

    private static final class SyncCounter extends Handler {
        private final AtomicLong syncs = new AtomicLong();

        SyncCounter() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            if (" FE=> Sync".equals(record.getMessage())) {
                syncs.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
