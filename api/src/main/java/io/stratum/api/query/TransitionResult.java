package io.stratum.api.query;

import io.stratum.api.Api;
import io.stratum.api.model.StateType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What a state transition wrote: the new state's id and timestamp (moved forward when it collided
 * with an existing state of the run) and the run's denormalised state fields afterwards.
 *
 * @param stateId               id of the inserted state row, now the run's {@code state_id}
 * @param stateType             {@code state_type} of the run (the new state's type)
 * @param stateName             {@code state_name} of the run (the new state's name)
 * @param stateTimestamp        the new state's timestamp as stored (also the run's {@code state_timestamp})
 * @param startTime             {@code start_time}: first entry into RUNNING (or into a terminal state), else null
 * @param endTime               {@code end_time}: entry into the current terminal state, else null
 * @param runCount              {@code run_count}
 * @param totalRunTime          {@code total_run_time}
 * @param expectedStartTime     {@code expected_start_time}
 * @param nextScheduledStartTime {@code next_scheduled_start_time}: the scheduled time while SCHEDULED, else null
 */
@Api(Api.Status.EXPERIMENTAL)
public record TransitionResult(UUID stateId, StateType stateType, String stateName, Instant stateTimestamp,
                               Instant startTime, Instant endTime, int runCount, Duration totalRunTime,
                               Instant expectedStartTime, Instant nextScheduledStartTime) {
}
