package io.stratum.migrations.internal.logging;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Flyway's log, routed to {@link System.Logger} under Flyway's own class names, so an application's
 * bridge (SLF4J, Log4j, JUL) receives it. Flyway instantiates it by name (its {@code loggers}
 * configuration), hence public in a package exported to {@code flyway.core} only.
 *
 * <p>Quiet by default: Flyway's progress (info and notice: "Migrating schema … to version 1", about 24
 * records for a first migration) is routine for a library and arrives at DEBUG, its debug at TRACE;
 * warnings and errors keep their weight.
 */
public final class FlywaySystemLog implements LogCreator {
    @Override
    public Log createLogger(Class<?> source) {
        return new Forwarding(System.getLogger(source.getName()));
    }

    private static final class Forwarding implements Log {
        private final Logger logger;

        Forwarding(Logger logger) {
            this.logger = logger;
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isLoggable(Level.TRACE);
        }

        @Override
        public void debug(String message) {
            logger.log(Level.TRACE, message);
        }

        @Override
        public void info(String message) {
            logger.log(Level.DEBUG, message);
        }

        @Override
        public void notice(String message) {
            logger.log(Level.DEBUG, message);
        }

        @Override
        public void warn(String message) {
            logger.log(Level.WARNING, message);
        }

        @Override
        public void error(String message) {
            logger.log(Level.ERROR, message);
        }

        @Override
        public void error(String message, Exception e) {
            logger.log(Level.ERROR, message, e);
        }
    }
}
