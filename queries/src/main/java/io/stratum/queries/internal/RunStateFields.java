package io.stratum.queries.internal;

import io.stratum.api.model.StateType;
import java.time.Duration;
import java.time.Instant;

/**
 * The denormalised state fields of a run ({@code flow_run} or {@code task_run}), and how one accepted
 * transition changes them: the reference's global orchestration policy (reference §4.2), as pure code.
 *
 * @param resuming the flow run's {@code empirical_policy.resuming} mark (always false for task runs)
 */
record RunStateFields(StateType stateType, String stateName, Instant stateTimestamp, Instant startTime,
                      Instant endTime, int runCount, Duration totalRunTime, Instant expectedStartTime,
                      Instant nextScheduledStartTime, boolean resuming) {

    /**
     * The fields after entering a state of {@code type}.
     *
     * @param isFlowRun     flow runs do not count a run when resuming from PAUSED
     * @param timestamp     the new state's timestamp (as stored)
     * @param scheduledTime the new state's {@code state_details.scheduled_time} (used when SCHEDULED)
     */
    RunStateFields enter(boolean isFlowRun, StateType type, String name, Instant timestamp, Instant scheduledTime) {
        StateType previous = stateType;
        boolean entersTerminal = type.isTerminal();

        Instant newStart = startTime;
        if ((type == StateType.RUNNING || entersTerminal) && newStart == null) {
            newStart = timestamp;
        }

        Instant newEnd = endTime;
        if (previous != null && previous.isTerminal() && !entersTerminal) {
            newEnd = null;
        }
        if (entersTerminal && newEnd == null) {
            newEnd = timestamp;
        }

        Duration newTotal = totalRunTime == null ? Duration.ZERO : totalRunTime;
        if (previous == StateType.RUNNING && stateTimestamp != null) {
            newTotal = newTotal.plus(Duration.between(stateTimestamp, timestamp));
        }

        boolean resumesFromPause = isFlowRun && (previous == StateType.PAUSED || resuming);
        int newRunCount = runCount;
        if (type == StateType.RUNNING && !resumesFromPause) {
            newRunCount++;
        }

        // A flow run leaving PAUSED is resuming until it runs again (or ends), so a resume through
        // SCHEDULED and PENDING does not count another run either (the reference's resuming mark).
        boolean newResuming = resuming;
        if (isFlowRun) {
            if (type == StateType.RUNNING || entersTerminal) {
                newResuming = false;
            } else if (previous == StateType.PAUSED && type != StateType.PAUSED) {
                newResuming = true;
            }
        }

        Instant newExpected = expectedStartTime;
        if (newExpected == null) {
            newExpected = type == StateType.SCHEDULED ? scheduledTime : timestamp;
        }

        Instant newNextScheduled = nextScheduledStartTime;
        if (previous == StateType.SCHEDULED) {
            newNextScheduled = null;
        }
        if (type == StateType.SCHEDULED) {
            newNextScheduled = scheduledTime;
        }

        return new RunStateFields(type, name, timestamp, newStart, newEnd, newRunCount, newTotal, newExpected,
                newNextScheduled, newResuming);
    }
}
