package io.stratum.queries.internal;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.StratumException;
import io.stratum.api.query.PortableCriteria;
import io.stratum.api.query.PortableSql;
import io.stratum.api.query.QueryHelpers;
import io.stratum.api.query.SqlFragment;
import io.stratum.api.query.TimeInterval;
import io.stratum.api.spi.InputBounds;
import io.stratum.api.spi.QueryHelperSql;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.persistence.jpa.JpaCriteriaBuilder;

/** Checks the arguments once, then asks the dialect's {@link QueryHelperSql} for the SQL. */
final class OrmQueryHelpers implements QueryHelpers {
    private static final SqlFragment FALSE = SqlFragment.of("(1 = 0)");

    private final DialectSql dialectSql;
    private final QueryHelperSql sql;
    private final SessionReads reads;
    private final PortableSql portableSql;

    OrmQueryHelpers(DatabaseInterface database, DialectSql dialectSql) {
        this.dialectSql = dialectSql;
        this.sql = dialectSql.helpers();
        this.reads = new SessionReads(database, dialectSql);
        this.portableSql = new NativePortableSql(sql);
    }

    @Override
    public boolean usesJsonStrings() {
        return sql.usesJsonStrings();
    }

    @Override
    public PortableSql sql() {
        return portableSql;
    }

    @Override
    public PortableCriteria criteria(CriteriaBuilder cb) {
        if (!(cb instanceof JpaCriteriaBuilder)) {
            throw new StratumException("Portable Criteria helpers need the session's CriteriaBuilder "
                    + "(session.getCriteriaBuilder(), EclipseLink's); got " + (cb == null ? "null" : cb.getClass().getName()) + ".");
        }
        return new CriteriaPortable((JpaCriteriaBuilder) cb, sql);
    }

    @Override
    public List<TimeInterval> timestampIntervals(EntityManager session, Instant start, Instant end, Duration interval) {
        SqlFragment query = timestampIntervalsQuery(start, end, interval);
        var values = dialectSql.values();
        return reads.query(session, "Making timestamp intervals", new NamedSql.Bound(query.sql(), query.parameters()),
                row -> new TimeInterval(values.readTimestamp(row, 1), values.readTimestamp(row, 2)));
    }

    @Override
    public SqlFragment timestampIntervalsQuery(Instant start, Instant end, Duration interval) {
        if (start == null || end == null || interval == null) {
            throw new StratumException("Timestamp intervals need a start, an end and an interval; got start=" + start
                    + ", end=" + end + ", interval=" + interval + ".");
        }
        Duration step = interval.truncatedTo(ChronoUnit.MICROS);
        if (step.isNegative() || step.isZero()) {
            throw new StratumException("Timestamp interval " + interval + " is not positive (at microsecond precision): "
                    + "use a step of at least one microsecond.");
        }
        Instant from = Timestamps.micros(start);
        Instant to = Timestamps.micros(end);
        // Never generate more than the cap: the series then stays small however far apart start and end are.
        if (to.isAfter(from) && Duration.between(from, to).dividedBy(step) >= MAX_INTERVALS) {
            to = from.plus(step.multipliedBy(MAX_INTERVALS));
        }
        return sql.timestampIntervals(from, to, step, MAX_INTERVALS);
    }

    @Override
    public SqlFragment jsonText(String jsonExpression, String key) {
        checkExpression(jsonExpression);
        if (key == null) {
            throw new StratumException("jsonText needs a key: name the JSON member to read.");
        }
        return sql.jsonText(jsonExpression, key);
    }

    @Override
    public SqlFragment jsonContains(String jsonExpression, Collection<?> values) {
        checkExpression(jsonExpression);
        if (values == null) {
            throw new StratumException("jsonContains needs values (strings or numbers); pass an empty list for none.");
        }
        InputBounds.requireSizeAtMost("jsonContains values", values, MAX_KEYS, "test fewer values at a time");
        // Keyed so that 1 and 1.0 count once, as they do in the database.
        Map<Object, Object> distinct = new LinkedHashMap<>();
        for (Object value : values) {
            distinct.putIfAbsent(containsKey(value), value);
        }
        // No values still asks the database: an empty array is contained only in arrays.
        return sql.jsonContains(jsonExpression, new ArrayList<>(distinct.values()));
    }

    @Override
    public SqlFragment jsonHasAny(String jsonExpression, Collection<String> keys) {
        List<String> distinct = distinctKeys("jsonHasAny", jsonExpression, keys);
        return distinct.isEmpty() ? FALSE : sql.jsonHasAny(jsonExpression, distinct);
    }

    @Override
    public SqlFragment jsonHasAll(String jsonExpression, Collection<String> keys) {
        List<String> distinct = distinctKeys("jsonHasAll", jsonExpression, keys);
        // Every JSON value has all of no keys; SQL NULL has none (as PostgreSQL's ?& answers).
        return distinct.isEmpty() ? SqlFragment.of("(" + jsonExpression + " IS NOT NULL)")
                : sql.jsonHasAll(jsonExpression, distinct);
    }

    private static Object containsKey(Object value) {
        if (value instanceof String) {
            return value;
        }
        if (value instanceof Number) {
            double asDouble = ((Number) value).doubleValue();
            if (Double.isNaN(asDouble) || Double.isInfinite(asDouble)) {
                throw new StratumException("jsonContains got " + value + ", which JSON cannot hold; use finite numbers.");
            }
            return new BigDecimal(value.toString()).stripTrailingZeros();
        }
        throw new StratumException("jsonContains compares strings and numbers only, got "
                + (value == null ? "null" : value.getClass().getSimpleName() + " " + value) + ".");
    }

    private static List<String> distinctKeys(String operation, String jsonExpression, Collection<String> keys) {
        checkExpression(jsonExpression);
        if (keys == null) {
            throw new StratumException(operation + " needs a collection of keys; pass an empty list for none.");
        }
        InputBounds.requireSizeAtMost(operation + " keys", keys, MAX_KEYS, "test fewer keys at a time");
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String key : keys) {
            if (key == null) {
                throw new StratumException(operation + " got a null key; keys are JSON member names or strings.");
            }
            distinct.add(key);
        }
        return new ArrayList<>(distinct);
    }

    private static void checkExpression(String jsonExpression) {
        if (jsonExpression == null || jsonExpression.isBlank()) {
            throw new StratumException("A JSON predicate needs the JSON column or expression it tests, e.g. \"flow_run.tags\".");
        }
    }

    @Override
    public Expression<Double> epochSeconds(CriteriaBuilder cb, Expression<?> timestampOrInterval) {
        if (cb == null || timestampOrInterval == null) {
            throw new StratumException("Epoch seconds need a CriteriaBuilder and a timestamp or interval expression; got "
                    + "cb=" + cb + ", expression=" + timestampOrInterval + ".");
        }
        return sql.epochSeconds(cb, timestampOrInterval);
    }
}
