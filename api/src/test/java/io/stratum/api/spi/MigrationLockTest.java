package io.stratum.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.api.MigrationListener;
import io.stratum.api.MigrationLockTimeoutException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The wait written once in {@link MigrationLock#acquire}, against a lock that is free after some attempts. */
class MigrationLockTest {

    /** Free after {@code busyAttempts} attempts; the holder until then is "deploy job 7". */
    private static final class FakeLock implements MigrationLock {
        private final int busyAttempts;
        int attempts;

        FakeLock(int busyAttempts) {
            this.busyAttempts = busyAttempts;
        }

        @Override
        public Optional<Held> tryAcquire() {
            return ++attempts > busyAttempts ? Optional.of(new Held() {
                @Override
                public void verify(Connection transaction) {
                }

                @Override
                public String owner() {
                    return "this test";
                }

                @Override
                public void close() {
                }
            }) : Optional.empty();
        }

        @Override
        public Optional<String> holder() {
            return Optional.of("deploy job 7");
        }
    }

    private static final class Waits implements MigrationListener {
        final List<String> holders = new ArrayList<>();

        @Override
        public void waitingForLock(String holder, Duration waited, Duration timeout) {
            holders.add(holder);
        }
    }

    @Test
    void aFreeLockIsTakenWithoutWaitingOrReporting() {
        Waits waits = new Waits();
        MigrationLock.Acquired acquired = new FakeLock(0).acquire(Duration.ofSeconds(1), waits);
        assertThat(acquired.waitedFor()).isEmpty();
        assertThat(waits.holders).isEmpty();
    }

    @Test
    void aWaiterReportsTheHolderAtOnceAndRemembersWhomItWaitedFor() {
        Waits waits = new Waits();
        FakeLock lock = new FakeLock(3);
        MigrationLock.Acquired acquired = lock.acquire(Duration.ofSeconds(30), waits);
        assertThat(lock.attempts).isEqualTo(4);
        assertThat(acquired.waitedFor()).contains("deploy job 7");
        assertThat(waits.holders).containsExactly("deploy job 7");
    }

    @Test
    void aLockNeverFreedEndsAtTheTimeoutNamingTheHolderAndTheSetting() {
        Waits waits = new Waits();
        assertThatThrownBy(() -> new FakeLock(Integer.MAX_VALUE).acquire(Duration.ofMillis(200), waits))
                .isInstanceOf(MigrationLockTimeoutException.class)
                .hasMessageContaining("held by deploy job 7").hasMessageContaining("STRATUM_DATABASE_LOCK_TIMEOUT=0.2")
                .hasMessageContaining("Nothing was changed")
                .satisfies(e -> assertThat(((MigrationLockTimeoutException) e).holder()).isEqualTo("deploy job 7"));
        assertThat(waits.holders).containsExactly("deploy job 7");
    }
}
