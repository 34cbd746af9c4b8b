package io.stratum.dialect.sqlite.eclipselink;

import io.stratum.api.Api;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.UUID;
import org.eclipse.persistence.exceptions.ConversionException;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.platform.database.DatabasePlatform;
import org.eclipse.persistence.internal.expressions.ExpressionSQLPrinter;
import org.eclipse.persistence.internal.expressions.SQLSelectStatement;
import org.eclipse.persistence.internal.sessions.AbstractSession;

/**
 * The EclipseLink platform for SQLite, which EclipseLink does not ship. It stores values the way the
 * reference schema does: UUIDs as lower-case text, timestamps as UTC text
 * {@code YYYY-MM-DD HH:MM:SS.ffffff} (sortable, microsecond precision), intervals as offsets from
 * 1970-01-01 in the same format. It pages with {@code LIMIT/OFFSET} and prints no {@code FOR UPDATE}:
 * SQLite locks the whole database ({@code BEGIN IMMEDIATE}) instead of rows.
 */
@Api(Api.Status.INTERNAL)
public class SqlitePlatform extends DatabasePlatform {
    private static final long serialVersionUID = 1L;

    /** The stored text form of timestamps, as in the reference. */
    public static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    /** Reads what SQLite itself writes, too ({@code CURRENT_TIMESTAMP} has no fraction; ISO 'T' accepted). */
    private static final DateTimeFormatter LENIENT_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter();

    private static final Instant INTERVAL_EPOCH = Instant.EPOCH;

    public SqlitePlatform() {
        setPingSQL("SELECT 1");
    }

    /** Text form of a timestamp as stored. */
    public static String formatTimestamp(Instant value) {
        return TIMESTAMP.format(value);
    }

    /** Parses a stored timestamp; text without offset is UTC, as the reference stores it. */
    public static Instant parseTimestamp(String text) {
        Instant stored = parseStoredForm(text);
        if (stored != null) {
            return stored;
        }
        var parsed = LENIENT_TIMESTAMP.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime) {
            return ((OffsetDateTime) parsed).toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    /**
     * The form Stratum writes ({@code yyyy-MM-dd HH:mm:ss.SSSSSS}) read digit by digit, or {@code null}
     * for any other text: the lenient formatter took 10 to 20 µs a value, most of the time of reading
     * a flow run graph of 5,000 nodes (two timestamps each).
     */
    private static Instant parseStoredForm(String text) {
        if (text.length() != 26 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int micros = digits(text, 20, 26);
        if ((year | month | day | hour | minute | second | micros) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1_000).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null; // Out of range: the lenient parser reports it.
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Text form of an interval: an offset from 1970-01-01. */
    public static String formatInterval(Duration value) {
        return formatTimestamp(INTERVAL_EPOCH.plus(value));
    }

    public static Duration parseInterval(String text) {
        return Duration.between(INTERVAL_EPOCH, parseTimestamp(text));
    }

    @Override
    public void setParameterValueInDatabaseCall(Object parameter, PreparedStatement statement, int index,
                                                AbstractSession session) throws SQLException {
        super.setParameterValueInDatabaseCall(toStorage(parameter), statement, index, session);
    }

    /** The value as SQLite stores it, for types the driver would otherwise bind differently. */
    public static Object toStorage(Object value) {
        if (value instanceof UUID) {
            return value.toString();
        }
        if (value instanceof Instant) {
            return formatTimestamp((Instant) value);
        }
        if (value instanceof OffsetDateTime) {
            return formatTimestamp(((OffsetDateTime) value).toInstant());
        }
        if (value instanceof Duration) {
            return formatInterval((Duration) value);
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? 1 : 0;
        }
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T convertObject(Object sourceObject, Class<T> javaClass) throws ConversionException {
        if (sourceObject instanceof String) {
            String text = (String) sourceObject;
            if (javaClass == UUID.class) {
                return (T) UUID.fromString(text);
            }
            if (javaClass == Instant.class) {
                return (T) parseTimestamp(text);
            }
            if (javaClass == OffsetDateTime.class) {
                return (T) parseTimestamp(text).atOffset(ZoneOffset.UTC);
            }
            if (javaClass == Duration.class) {
                return (T) parseInterval(text);
            }
        }
        // EclipseLink classifies UUID columns as 16-byte binary on a generic platform; here they are text,
        // so a UUID (or its text) stays text on its way to and from the driver.
        if (javaClass == byte[].class && sourceObject instanceof UUID) {
            return (T) sourceObject.toString();
        }
        if (javaClass == byte[].class && sourceObject instanceof String && looksLikeUuid((String) sourceObject)) {
            return (T) sourceObject;
        }
        if (sourceObject instanceof Duration && javaClass == Duration.class) {
            return (T) sourceObject;
        }
        if (sourceObject instanceof UUID && javaClass == String.class) {
            return (T) sourceObject.toString();
        }
        return super.convertObject(sourceObject, javaClass);
    }

    private static boolean looksLikeUuid(String text) {
        return text.length() == 36 && text.charAt(8) == '-' && text.charAt(13) == '-' && text.charAt(18) == '-'
                && text.charAt(23) == '-';
    }

    @Override
    public String getSelectForUpdateString() {
        return "";
    }

    @Override
    public String getSelectForUpdateNoWaitString() {
        return "";
    }

    @Override
    public boolean supportsIndividualTableLocking() {
        return false;
    }

    @Override
    public boolean supportsLocalTempTables() {
        return false;
    }

    @Override
    public boolean supportsGlobalTempTables() {
        return false;
    }

    /**
     * Plain {@code LEFT OUTER JOIN}: sqlite-jdbc does not translate the JDBC escape {@code {oj …}} that
     * EclipseLink writes by default, so a JPQL outer join ({@code LEFT JOIN … ON}) would fail.
     */
    @Override
    public boolean shouldUseJDBCOuterJoinSyntax() {
        return false;
    }

    @Override
    public boolean isForUpdateCompatibleWithDistinct() {
        return true;
    }

    @Override
    public int computeMaxRowsForSQL(int firstResultIndex, int maxResults) {
        return maxResults - Math.max(firstResultIndex, 0);
    }

    /** Pages with {@code LIMIT ? OFFSET ?}: SQLite's driver has no scrollable cursors to skip rows with. */
    @Override
    public void printSQLSelectStatement(DatabaseCall call, ExpressionSQLPrinter printer, SQLSelectStatement statement) {
        int maxRows = statement.getQuery() == null ? 0 : statement.getQuery().getMaxRows();
        int firstRow = statement.getQuery() == null ? 0 : statement.getQuery().getFirstResult();
        if (maxRows <= 0 && firstRow <= 0) {
            super.printSQLSelectStatement(call, printer, statement);
            return;
        }
        statement.setUseUniqueFieldAliases(true);
        call.setFields(statement.printSQL(printer));
        printer.printString(" LIMIT ");
        if (maxRows > 0) {
            printer.printParameter(DatabaseCall.MAXROW_FIELD);
        } else {
            printer.printString("-1");
        }
        printer.printString(" OFFSET ");
        printer.printParameter(DatabaseCall.FIRSTRESULT_FIELD);
        call.setIgnoreFirstRowSetting(true);
        call.setIgnoreMaxResultsSetting(true);
    }
}
