package io.stratum.queries.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.api.model.StateType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunStateFieldsTest {
    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
    private static final RunStateFields NEW_RUN = new RunStateFields(null, null, null, null, null, 0, Duration.ZERO,
            null, null, false);

    @Test
    void aBackdatedStateIsEnteredAtItsOwnTimestampAsInTheReference() {
        RunStateFields running = NEW_RUN.enter(true, StateType.RUNNING, "Running", T, null);
        RunStateFields completed = running.enter(true, StateType.COMPLETED, "Completed", T.minusSeconds(5), null);
        assertThat(completed.stateTimestamp()).isEqualTo(T.minusSeconds(5));
        assertThat(completed.endTime()).isEqualTo(T.minusSeconds(5));
        assertThat(completed.startTime()).isEqualTo(T);
    }

    @Test
    void theResumingMarkIsSetLeavingPauseAndClearedByRunningOrAnEnd() {
        RunStateFields paused = NEW_RUN.enter(true, StateType.RUNNING, "Running", T, null)
                .enter(true, StateType.PAUSED, "Paused", T.plusSeconds(1), null);
        RunStateFields rescheduled = paused.enter(true, StateType.SCHEDULED, "Scheduled", T.plusSeconds(2), T.plusSeconds(3));
        assertThat(rescheduled.resuming()).isTrue();
        RunStateFields resumed = rescheduled.enter(true, StateType.RUNNING, "Running", T.plusSeconds(3), null);
        assertThat(resumed.resuming()).isFalse();
        assertThat(resumed.runCount()).isEqualTo(1);
        assertThat(paused.enter(true, StateType.CANCELLED, "Cancelled", T.plusSeconds(2), null).resuming()).isFalse();
        // Task runs have no such mark.
        assertThat(paused.enter(false, StateType.SCHEDULED, "Scheduled", T.plusSeconds(2), null).resuming()).isFalse();
    }
}
