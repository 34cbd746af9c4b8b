package io.stratum.api.internal.logging;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.persistence.logging.AbstractSessionLog;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;

/**
 * EclipseLink's log, routed to {@link System.Logger} (loggers {@code org.eclipse.persistence.<category>}),
 * so an application's bridge (SLF4J, Log4j, JUL) receives it. EclipseLink instantiates it by name
 * ({@code eclipselink.logging.logger}), hence public in a package exported to {@code eclipselink} only.
 *
 * <p>Quiet by default: EclipseLink's routine INFO and CONFIG records (version banner, logins) arrive at
 * DEBUG, FINE and below at TRACE; WARNING and SEVERE keep their weight. SQL is logged only when the
 * {@code sql} category is enabled (the {@code echo} setting), and then at INFO, as the reference's echo does.
 */
public final class EclipseLinkSystemLog extends AbstractSessionLog {
    /** The namespace every logger of this log starts with. */
    public static final String LOGGER_PREFIX = "org.eclipse.persistence";

    private final Map<String, Integer> categoryLevels = new ConcurrentHashMap<>();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

    public EclipseLinkSystemLog() {
        // Bind values of SQL (row data, possibly secrets) are never logged.
        setShouldDisplayData(Boolean.FALSE);
    }

    @Override
    public void setLevel(int level, String category) {
        if (category == null) {
            this.level = level;
        } else {
            categoryLevels.put(category, level);
        }
    }

    @Override
    public int getLevel(String category) {
        Integer own = category == null ? null : categoryLevels.get(category);
        return own == null ? level : own; // the field: getLevel() asks getLevel(null)
    }

    @Override
    public int getLevel() {
        return level;
    }

    @Override
    public void setLevel(int level) {
        this.level = level;
    }

    @Override
    public boolean shouldLog(int level) {
        return shouldLog(level, null);
    }

    @Override
    public boolean shouldLog(int level, String category) {
        return level != SessionLog.OFF && level >= getLevel(category)
                && logger(category).isLoggable(levelOf(level, category));
    }

    @Override
    public void log(SessionLogEntry entry) {
        int level = entry.getLevel();
        String category = entry.getNameSpace();
        if (!shouldLog(level, category)) {
            return;
        }
        String message = entry.hasMessage() ? formatMessage(entry) : null;
        Throwable thrown = entry.getException();
        if (message == null || message.isEmpty()) {
            message = thrown == null ? "" : String.valueOf(thrown);
        }
        logger(category).log(levelOf(level, category), message, thrown);
    }

    /** EclipseLink's level as a System.Logger level: routine records one step below where EclipseLink puts them. */
    static Level levelOf(int eclipseLinkLevel, String category) {
        if (SessionLog.SQL.equals(category) && eclipseLinkLevel < SessionLog.WARNING) {
            return Level.INFO;
        }
        if (eclipseLinkLevel >= SessionLog.SEVERE) {
            return Level.ERROR;
        }
        if (eclipseLinkLevel >= SessionLog.WARNING) {
            return Level.WARNING;
        }
        if (eclipseLinkLevel >= SessionLog.CONFIG) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }

    private Logger logger(String category) {
        String name = category == null || category.isEmpty() ? LOGGER_PREFIX : LOGGER_PREFIX + "." + category;
        return loggers.computeIfAbsent(name, System::getLogger);
    }
}
