package io.stratum.orm.model;

import io.stratum.api.Dialect;
import io.stratum.api.model.StateType;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The reference's denormalised run helpers (4.2) as Criteria expressions, so a query can select, order
 * and filter by them inside the database: {@code estimated_run_time} and
 * {@code estimated_start_time_delta}, in seconds. They compute what {@link RunEntity#estimatedRunTime}
 * and {@link RunEntity#estimatedStartTimeDelta} compute on a loaded entity (a run without a state counts
 * as not terminal there, so it does here too).
 *
 * <p>PostgreSQL takes seconds with {@code date_part('epoch', …)} of timestamps and intervals. SQLite
 * stores both as text ({@code YYYY-MM-DD HH:MM:SS.ffffff}, intervals as offsets from 1970-01-01) and
 * takes seconds by Julian-day arithmetic, which SQLite resolves to the millisecond. {@code now} is bound
 * as a number of seconds, so no timestamp literal has to be written in either dialect's syntax.
 */
public final class RunExpressions {
    /** Julian day number of 1970-01-01T00:00:00Z. */
    private static final double UNIX_EPOCH_JULIAN_DAY = 2440587.5;
    private static final double SECONDS_PER_DAY = 86_400.0;

    private RunExpressions() {
    }

    /**
     * {@code estimated_run_time} in seconds: the total run time, plus the time since the current state
     * began while the run is RUNNING.
     */
    public static Expression<Double> estimatedRunTime(CriteriaBuilder cb, Root<? extends RunEntity> run, Instant now,
                                                      Dialect dialect) {
        require(cb, run, now, dialect);
        Expression<Double> total = seconds(cb, run.<Duration>get("totalRunTime"), dialect);
        Path<Instant> stateTimestamp = run.get("stateTimestamp");
        Predicate running = cb.and(cb.equal(run.get("stateType"), StateType.RUNNING), cb.isNotNull(stateTimestamp));
        Expression<Double> sinceStateBegan = cb.diff(cb.literal(epochSeconds(now)), seconds(cb, stateTimestamp, dialect));
        return cb.<Double>selectCase().when(running, cb.sum(total, sinceStateBegan)).otherwise(total);
    }

    /**
     * {@code estimated_start_time_delta} in seconds: how much later than expected the run started, or,
     * not started and not finished, how late it is now; 0 otherwise.
     */
    public static Expression<Double> estimatedStartTimeDelta(CriteriaBuilder cb, Root<? extends RunEntity> run,
                                                             Instant now, Dialect dialect) {
        require(cb, run, now, dialect);
        Path<Instant> startTime = run.get("startTime");
        Path<Instant> expectedStartTime = run.get("expectedStartTime");
        Path<StateType> stateType = run.get("stateType");
        Expression<Double> expected = seconds(cb, expectedStartTime, dialect);
        Expression<Double> nowSeconds = cb.literal(epochSeconds(now));
        // Compared as stored (timestamptz; sortable text on SQLite), exactly to the microsecond.
        Predicate startedLate = cb.greaterThan(startTime, expectedStartTime);
        Predicate notTerminal = cb.or(cb.isNull(stateType), cb.not(stateType.in(Arrays.stream(StateType.values())
                .filter(StateType::isTerminal).toArray())));
        Predicate lateNow = cb.and(cb.isNull(startTime), cb.isNotNull(expectedStartTime),
                cb.lessThan(expected, nowSeconds), notTerminal);
        return cb.<Double>selectCase()
                .when(startedLate, cb.diff(seconds(cb, startTime, dialect), expected))
                .when(lateNow, cb.diff(nowSeconds, expected))
                .otherwise(cb.literal(0.0));
    }

    /**
     * Seconds since 1970-01-01T00:00:00Z of a timestamp column, or the length in seconds of an interval
     * column ({@code total_run_time}), computed by the database.
     */
    public static Expression<Double> seconds(CriteriaBuilder cb, Expression<?> timestampOrInterval, Dialect dialect) {
        switch (dialect) {
            case POSTGRESQL:
                return cb.function("date_part", Double.class, cb.literal("epoch"), timestampOrInterval);
            case SQLITE:
                Expression<Double> julianDay = cb.function("julianday", Double.class, timestampOrInterval);
                return cb.prod(cb.diff(julianDay, UNIX_EPOCH_JULIAN_DAY), SECONDS_PER_DAY);
            default:
                throw new IllegalArgumentException("No seconds expression for dialect " + dialect);
        }
    }

    private static double epochSeconds(Instant now) {
        return now.getEpochSecond() + now.getNano() / 1_000_000_000d;
    }

    private static void require(CriteriaBuilder cb, Root<? extends RunEntity> run, Instant now, Dialect dialect) {
        if (cb == null || run == null || now == null || dialect == null) {
            throw new IllegalArgumentException("A run expression needs a CriteriaBuilder, the run's root, now and the "
                    + "dialect; got cb=" + cb + ", run=" + run + ", now=" + now + ", dialect=" + dialect);
        }
    }
}
