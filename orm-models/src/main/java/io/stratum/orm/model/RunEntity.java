package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.StateType;
import io.stratum.orm.types.RunNames;
import io.stratum.orm.types.Timestamps;
import io.stratum.orm.internal.IntervalConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;
import java.time.Duration;
import java.time.Instant;

/** Columns shared by {@code flow_run} and {@code task_run}, including the denormalised current state. */
@Api(Api.Status.STABLE)
@MappedSuperclass
public abstract class RunEntity extends BaseEntity {
    @Column(name = "name", nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "state_type")
    private StateType stateType;

    @Column(name = "state_name")
    private String stateName;

    @Column(name = "state_timestamp")
    private Instant stateTimestamp;

    @Column(name = "run_count", nullable = false)
    private int runCount;

    @Column(name = "expected_start_time")
    private Instant expectedStartTime;

    @Column(name = "next_scheduled_start_time")
    private Instant nextScheduledStartTime;

    @Column(name = "start_time")
    private Instant startTime;

    @Column(name = "end_time")
    private Instant endTime;

    @Convert(converter = IntervalConverter.class)
    @Column(name = "total_run_time", nullable = false)
    private Duration totalRunTime;

    /** A new run: a random name (the reference's client default) and no run time yet. */
    protected RunEntity() {
        name = RunNames.random();
        totalRunTime = Duration.ZERO;
    }

    /** See {@link BaseEntity#BaseEntity(FilledFromRow)}. */
    RunEntity(FilledFromRow filledFromRow) {
        super(filledFromRow);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public StateType getStateType() {
        return stateType;
    }

    public void setStateType(StateType stateType) {
        this.stateType = stateType;
    }

    public String getStateName() {
        return stateName;
    }

    public void setStateName(String stateName) {
        this.stateName = stateName;
    }

    public Instant getStateTimestamp() {
        return stateTimestamp;
    }

    public void setStateTimestamp(Instant stateTimestamp) {
        this.stateTimestamp = Timestamps.micros(stateTimestamp);
    }

    public int getRunCount() {
        return runCount;
    }

    public void setRunCount(int runCount) {
        this.runCount = runCount;
    }

    public Instant getExpectedStartTime() {
        return expectedStartTime;
    }

    public void setExpectedStartTime(Instant expectedStartTime) {
        this.expectedStartTime = Timestamps.micros(expectedStartTime);
    }

    public Instant getNextScheduledStartTime() {
        return nextScheduledStartTime;
    }

    public void setNextScheduledStartTime(Instant nextScheduledStartTime) {
        this.nextScheduledStartTime = Timestamps.micros(nextScheduledStartTime);
    }

    public Instant getStartTime() {
        return startTime;
    }

    public void setStartTime(Instant startTime) {
        this.startTime = Timestamps.micros(startTime);
    }

    public Instant getEndTime() {
        return endTime;
    }

    public void setEndTime(Instant endTime) {
        this.endTime = Timestamps.micros(endTime);
    }

    public Duration getTotalRunTime() {
        return totalRunTime;
    }

    public void setTotalRunTime(Duration totalRunTime) {
        this.totalRunTime = totalRunTime;
    }

    /**
     * {@code estimated_run_time}: total run time, plus the time since the current state began while RUNNING.
     * {@link RunExpressions#estimatedRunTime} computes the same inside a query.
     */
    public Duration estimatedRunTime(Instant now) {
        if (stateType == StateType.RUNNING && stateTimestamp != null) {
            return totalRunTime.plus(Duration.between(stateTimestamp, now));
        }
        return totalRunTime;
    }

    /**
     * {@code estimated_start_time_delta}: how late the run started, or is, against its expected start.
     * {@link RunExpressions#estimatedStartTimeDelta} computes the same inside a query.
     */
    public Duration estimatedStartTimeDelta(Instant now) {
        if (startTime != null && expectedStartTime != null && startTime.isAfter(expectedStartTime)) {
            return Duration.between(expectedStartTime, startTime);
        }
        if (startTime == null && expectedStartTime != null && expectedStartTime.isBefore(now)
                && (stateType == null || !stateType.isTerminal())) {
            return Duration.between(expectedStartTime, now);
        }
        return Duration.ZERO;
    }
}
