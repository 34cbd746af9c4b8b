package io.stratum.api.spi;

import io.stratum.api.Api;
import io.stratum.api.MigrationException;
import io.stratum.api.MigrationListener;
import io.stratum.api.MigrationLockTimeoutException;
import io.stratum.api.SettingKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The lock, held in the database, that serialises upgrades, downgrades and stamps across processes, so
 * servers started together on one database migrate it once, one after the other. Each dialect hands out
 * its own ({@link DialectProvider#migrationLock}) for one operation's migration connections; the
 * migration engine only calls this interface.
 *
 * <p>A dialect implements one attempt ({@link #tryAcquire()}) and the description of the holder
 * ({@link #holder()}); waiting, reporting and {@code lock_timeout} are written once, in {@link #acquire}.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface MigrationLock {

    /** How often a waiter reports the holder through {@link MigrationListener#waitingForLock}. */
    Duration REPORT_INTERVAL = Duration.ofSeconds(5);

    /**
     * One attempt: the lock, now held by this caller, or empty when another process holds it. A holder
     * that is known to be gone (its process or session no longer exists) is taken over here at once.
     */
    Optional<Held> tryAcquire() throws SQLException;

    /** Who holds the lock now (host, process id, since when, as far as the database tells); empty when free. */
    Optional<String> holder() throws SQLException;

    /**
     * Takes the lock, waiting while another process holds it: reports the holder to the listener when
     * the wait begins and every {@link #REPORT_INTERVAL}, and gives up after {@code timeout} with a
     * {@link MigrationLockTimeoutException} naming the holder.
     *
     * @return the held lock and the holder this caller waited for (empty if it did not wait)
     */
    default Acquired acquire(Duration timeout, MigrationListener listener) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextReport = started;
        long sleepMillis = 20;
        String lastHolder = null;
        try {
            while (true) {
                Optional<Held> held = tryAcquire();
                if (held.isPresent()) {
                    return new Acquired(held.get(), Optional.ofNullable(lastHolder));
                }
                long now = System.nanoTime();
                if (now >= nextReport || lastHolder == null) {
                    lastHolder = holder().orElse("a process that has just released it");
                    listener.waitingForLock(lastHolder, Duration.ofNanos(now - started), timeout);
                    nextReport = now + REPORT_INTERVAL.toNanos();
                }
                if (now >= deadline) {
                    Duration waited = Duration.ofNanos(now - started);
                    throw new MigrationLockTimeoutException("Gave up waiting for the migration lock after "
                            + seconds(waited) + " (" + SettingKey.LOCK_TIMEOUT.environmentVariable() + "="
                            + seconds(timeout).replace(" s", "") + "): it is held by " + lastHolder + ". Nothing was "
                            + "changed. If that process is still migrating, let it finish and retry; if it is stuck, stop "
                            + "it (the lock is released when it ends), or raise "
                            + SettingKey.LOCK_TIMEOUT.environmentVariable() + ".", lastHolder);
                }
                long remainingMillis = Math.max(1, (deadline - now) / 1_000_000);
                Thread.sleep(Math.min(sleepMillis, remainingMillis));
                sleepMillis = Math.min(250, sleepMillis * 2);
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not take the migration lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("Interrupted while waiting for the migration lock; nothing was changed.", e);
        }
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * A process that holds (or held) the lock: its host name, process id and start time. A dialect
     * records it with the lock where the database cannot tell by itself whether the holder is alive.
     */
    record Process(String host, long pid, Optional<java.time.Instant> start) {

        /** This process. */
        public static Process current() {
            ProcessHandle self = ProcessHandle.current();
            return new Process(localHost(), self.pid(), self.info().startInstant());
        }

        /**
         * Whether this holder is known to be gone: it ran on this host and no process with its pid is
         * alive, or the pid now belongs to a process started at another time. A holder on another host is
         * never known to be gone.
         */
        public boolean isGone() {
            if (!host.equals(localHost())) {
                return false;
            }
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) {
                return true;
            }
            Optional<java.time.Instant> started = handle.get().info().startInstant();
            return start.isPresent() && started.isPresent() && !start.get().equals(started.get());
        }

        @Override
        public String toString() {
            return "host " + host + ", pid " + pid + start.map(s -> ", started " + s).orElse("");
        }

        private static String localHost() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "unknown-host";
            }
        }
    }

    /** The lock as held by this caller. */
    interface Held extends AutoCloseable {

        /**
         * Checks, inside a revision's transaction on {@code transaction}, that this caller still holds the
         * lock (and renews it where it expires); throws a {@link MigrationException} otherwise, which rolls
         * the revision back.
         */
        void verify(Connection transaction) throws SQLException;

        /** This holder, as {@link MigrationLock#holder()} describes it to others. */
        String owner();

        /** Releases the lock; never throws (a lock that cannot be released expires or dies with its session). */
        @Override
        void close();
    }

    /** A lock taken by {@link #acquire}: the lock, and whom the caller waited for before taking it. */
    record Acquired(Held lock, Optional<String> waitedFor) implements AutoCloseable {
        @Override
        public void close() {
            lock.close();
        }
    }
}
