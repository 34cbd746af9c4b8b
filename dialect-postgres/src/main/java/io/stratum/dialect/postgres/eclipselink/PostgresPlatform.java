package io.stratum.dialect.postgres.eclipselink;

import io.stratum.api.Api;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.persistence.exceptions.ConversionException;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.platform.database.PostgreSQL10Platform;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/**
 * EclipseLink's PostgreSQL platform, taught the reference's column types: {@code jsonb}/{@code json}
 * and native enums read back as text (the driver returns {@code PGobject}), {@code interval} as
 * {@link Duration}, {@code timestamptz} bound from {@link Instant} at microsecond precision.
 */
@Api(Api.Status.INTERNAL)
public class PostgresPlatform extends PostgreSQL10Platform {
    private static final long serialVersionUID = 1L;

    @Override
    public Object getObjectFromResultSet(ResultSet resultSet, int columnNumber, int type, AbstractSession session)
            throws SQLException {
        Object value = super.getObjectFromResultSet(resultSet, columnNumber, type, session);
        if (value instanceof PGInterval) {
            return toDuration((PGInterval) value);
        }
        if (value instanceof PGobject) {
            return ((PGobject) value).getValue();
        }
        return value;
    }

    @Override
    public void setParameterValueInDatabaseCall(Object parameter, PreparedStatement statement, int index,
                                                AbstractSession session) throws SQLException {
        super.setParameterValueInDatabaseCall(toStorage(parameter), statement, index, session);
    }

    /** The value as the driver binds it for the reference's column types. */
    public static Object toStorage(Object value) throws SQLException {
        if (value instanceof Duration) {
            return toInterval((Duration) value);
        }
        if (value instanceof Instant) {
            return ((Instant) value).atOffset(ZoneOffset.UTC);
        }
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertObject(Object sourceObject, Class<T> javaClass) throws ConversionException {
        if (javaClass == Duration.class) {
            if (sourceObject instanceof Duration) {
                return (T) sourceObject;
            }
            if (sourceObject instanceof PGInterval) {
                return (T) toDuration((PGInterval) sourceObject);
            }
        }
        if (javaClass == Instant.class && sourceObject instanceof OffsetDateTime) {
            return (T) ((OffsetDateTime) sourceObject).toInstant();
        }
        if (javaClass == Instant.class && sourceObject instanceof java.sql.Timestamp) {
            return (T) ((java.sql.Timestamp) sourceObject).toInstant();
        }
        return super.convertObject(sourceObject, javaClass);
    }

    public static PGInterval toInterval(Duration value) throws SQLException {
        double seconds = value.getSeconds() + value.getNano() / 1_000_000_000d;
        return new PGInterval(0, 0, 0, 0, 0, seconds);
    }

    /** Months and years count as 30 and 365 days; Stratum writes intervals in seconds only. */
    public static Duration toDuration(PGInterval interval) {
        long days = interval.getYears() * 365L + interval.getMonths() * 30L + interval.getDays();
        long wholeSeconds = days * 86_400L + interval.getHours() * 3_600L + interval.getMinutes() * 60L;
        double seconds = interval.getSeconds();
        long micros = Math.round(seconds * 1_000_000d);
        return Duration.ofSeconds(wholeSeconds).plusNanos(micros * 1_000L);
    }
}
