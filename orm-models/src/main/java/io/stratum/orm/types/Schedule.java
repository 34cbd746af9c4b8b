package io.stratum.orm.types;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.stratum.api.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code deployment_schedule.schedule}: exactly one of the reference's three schedule kinds, told apart by
 * which of their fields are present (as the reference's union of extra-forbidding models does):
 * <ul>
 *   <li>interval: {@code interval} (seconds, a number &gt; 0), {@code anchor_date}, {@code timezone};</li>
 *   <li>cron: {@code cron}, {@code timezone}, {@code day_or};</li>
 *   <li>rrule: {@code rrule}, {@code timezone}.</li>
 * </ul>
 * Absent and {@code null} fields are the same; {@code null} fields are not written. Unknown fields are
 * rejected on read.
 */
@Api(Api.Status.STABLE)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record Schedule(Double interval, Instant anchorDate, String timezone, String cron, Boolean dayOr, String rrule)
        implements ValidatedJson {

    /** The three schedule kinds. */
    public enum Kind { INTERVAL, CRON, RRULE }

    public static Schedule interval(Duration interval, Instant anchorDate, String timezone) {
        return new Schedule(interval == null ? null : interval.toNanos() / 1e9, Timestamps.micros(anchorDate),
                timezone, null, null, null);
    }

    public static Schedule cron(String cron, String timezone, boolean dayOr) {
        return new Schedule(null, null, timezone, cron, dayOr, null);
    }

    public static Schedule rrule(String rrule, String timezone) {
        return new Schedule(null, null, timezone, null, null, rrule);
    }

    /** The kind of a valid schedule. */
    @JsonIgnore
    public Kind kind() {
        String error = validationError();
        if (error != null) {
            throw new IllegalStateException("Schedule " + error);
        }
        return interval != null ? Kind.INTERVAL : cron != null ? Kind.CRON : Kind.RRULE;
    }

    /** {@code interval} as a duration (microsecond precision), or {@code null} for cron and rrule schedules. */
    @JsonIgnore
    public Duration intervalDuration() {
        return interval == null ? null : Duration.ofNanos(Math.round(interval * 1e6) * 1000);
    }

    @Override
    public String validationError() {
        List<String> kinds = new ArrayList<>();
        if (interval != null) {
            kinds.add("interval");
        }
        if (cron != null) {
            kinds.add("cron");
        }
        if (rrule != null) {
            kinds.add("rrule");
        }
        if (kinds.isEmpty()) {
            return "is none of the schedule kinds: exactly one of interval, cron, rrule is required";
        }
        if (kinds.size() > 1) {
            return "mixes schedule kinds " + kinds + ": exactly one of interval, cron, rrule is allowed";
        }
        if (interval != null && !(interval > 0) || interval != null && interval.isInfinite()) {
            return "has interval " + interval + " (must be a positive number of seconds)";
        }
        if (anchorDate != null && interval == null) {
            return "has anchor_date, which only an interval schedule may have";
        }
        if (dayOr != null && cron == null) {
            return "has day_or, which only a cron schedule may have";
        }
        if (cron != null && cron.isBlank()) {
            return "has an empty cron string";
        }
        if (rrule != null && rrule.isBlank()) {
            return "has an empty rrule string";
        }
        return null;
    }

    @JsonAnySetter
    private void rejectUnknownField(String name, Object value) {
        throw new IllegalArgumentException("unknown field '" + name + "' (not a field of any schedule kind)");
    }
}
