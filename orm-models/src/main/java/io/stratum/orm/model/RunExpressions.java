package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.StateType;
import io.stratum.api.query.QueryHelpers;
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
 * <p>The seconds of a timestamp or interval column are the one part that differs per database: they
 * come from {@link QueryHelpers#epochSeconds} ({@code db.queries().helpers()}), which the dialect
 * module supplies. {@code now} is bound as a number of seconds, so no timestamp literal has to be
 * written in any dialect's syntax.
 */
@Api(Api.Status.EXPERIMENTAL)
public final class RunExpressions {
    private RunExpressions() {
    }

    /**
     * {@code estimated_run_time} in seconds: the total run time, plus the time since the current state
     * began while the run is RUNNING.
     */
    public static Expression<Double> estimatedRunTime(CriteriaBuilder cb, Root<? extends RunEntity> run, Instant now,
                                                      QueryHelpers helpers) {
        require(cb, run, now, helpers);
        Expression<Double> total = helpers.epochSeconds(cb, run.<Duration>get("totalRunTime"));
        Path<Instant> stateTimestamp = run.get("stateTimestamp");
        Predicate running = cb.and(cb.equal(run.get("stateType"), StateType.RUNNING), cb.isNotNull(stateTimestamp));
        Expression<Double> sinceStateBegan = cb.diff(cb.literal(epochSeconds(now)), helpers.epochSeconds(cb, stateTimestamp));
        return cb.<Double>selectCase().when(running, cb.sum(total, sinceStateBegan)).otherwise(total);
    }

    /**
     * {@code estimated_start_time_delta} in seconds: how much later than expected the run started, or,
     * not started and not finished, how late it is now; 0 otherwise.
     */
    public static Expression<Double> estimatedStartTimeDelta(CriteriaBuilder cb, Root<? extends RunEntity> run,
                                                             Instant now, QueryHelpers helpers) {
        require(cb, run, now, helpers);
        Path<Instant> startTime = run.get("startTime");
        Path<Instant> expectedStartTime = run.get("expectedStartTime");
        Path<StateType> stateType = run.get("stateType");
        Expression<Double> expected = helpers.epochSeconds(cb, expectedStartTime);
        Expression<Double> nowSeconds = cb.literal(epochSeconds(now));
        // Compared as stored (timestamptz; sortable text on SQLite), exactly to the microsecond.
        Predicate startedLate = cb.greaterThan(startTime, expectedStartTime);
        Predicate notTerminal = cb.or(cb.isNull(stateType), cb.not(stateType.in(Arrays.stream(StateType.values())
                .filter(StateType::isTerminal).toArray())));
        Predicate lateNow = cb.and(cb.isNull(startTime), cb.isNotNull(expectedStartTime),
                cb.lessThan(expected, nowSeconds), notTerminal);
        return cb.<Double>selectCase()
                .when(startedLate, cb.diff(helpers.epochSeconds(cb, startTime), expected))
                .when(lateNow, cb.diff(nowSeconds, expected))
                .otherwise(cb.literal(0.0));
    }

    private static double epochSeconds(Instant now) {
        return now.getEpochSecond() + now.getNano() / 1_000_000_000d;
    }

    private static void require(CriteriaBuilder cb, Root<? extends RunEntity> run, Instant now, QueryHelpers helpers) {
        if (cb == null || run == null || now == null || helpers == null) {
            throw new IllegalArgumentException("A run expression needs a CriteriaBuilder, the run's root, now and the "
                    + "database's query helpers (db.queries().helpers()); got cb=" + cb + ", run=" + run + ", now=" + now
                    + ", helpers=" + helpers);
        }
    }
}
