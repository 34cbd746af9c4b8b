package io.stratum.cli.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code java.util.logging} for a terminal. It is the backend of {@link System.Logger}, through which
 * Stratum, Flyway and EclipseLink log (their routine records at DEBUG), and Agroal and the drivers log
 * to it directly. By default only WARNING and above reach stderr (no INFO chatter). Verbosity 1
 * ({@code -v}) shows INFO and stack traces, 2 ({@code -vv}) DEBUG (JUL's FINE). Every record passes through the redaction of the context, so
 * the password never reaches the console.
 */
final class ConsoleLogging {
    /** Library namespaces set explicitly, so a logging.properties of the JRE cannot make them chattier. */
    private static final List<String> NAMESPACES =
            List.of("org.eclipse.persistence", "org.flywaydb", "io.agroal", "io.stratum", "org.postgresql", "org.sqlite");
    /** Strong references: JUL holds loggers weakly, and a collected logger loses its level. */
    private static final List<Logger> CONFIGURED = new ArrayList<>();

    private ConsoleLogging() {
    }

    static Level level(int verbosity) {
        return verbosity <= 0 ? Level.WARNING : verbosity == 1 ? Level.INFO : Level.FINE;
    }

    static synchronized void configure(int verbosity, PrintStream err, UnaryOperator<String> redaction) {
        Level level = level(verbosity);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler handler = new ConsoleHandler(err, verbosity > 0, redaction);
        handler.setLevel(level);
        root.addHandler(handler);
        CONFIGURED.clear();
        for (String namespace : NAMESPACES) {
            Logger logger = Logger.getLogger(namespace);
            logger.setLevel(level);
            CONFIGURED.add(logger);
        }
    }

    /** Writes to the stream without ever closing it (a reset of JUL closes handlers, not System.err). */
    private static final class ConsoleHandler extends Handler {
        private final PrintStream err;

        ConsoleHandler(PrintStream err, boolean withStackTraces, UnaryOperator<String> redaction) {
            this.err = err;
            setFormatter(new LineFormatter(withStackTraces, redaction));
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String text;
            try {
                text = getFormatter().format(record);
            } catch (RuntimeException e) {
                text = record.getLevel() + " " + record.getLoggerName() + ": (unformattable log record)"
                        + System.lineSeparator();
            }
            synchronized (err) {
                err.print(text);
                err.flush();
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    /** {@code WARNING org.flywaydb.core.Flyway: message}, the stack trace only when verbose. */
    private static final class LineFormatter extends Formatter {
        private final boolean withStackTraces;
        private final UnaryOperator<String> redaction;

        LineFormatter(boolean withStackTraces, UnaryOperator<String> redaction) {
            this.withStackTraces = withStackTraces;
            this.redaction = redaction;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(levelName(record.getLevel())).append(' ')
                    .append(record.getLoggerName() == null ? "" : record.getLoggerName()).append(": ")
                    .append(formatMessage(record));
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                if (withStackTraces) {
                    StringWriter trace = new StringWriter();
                    thrown.printStackTrace(new PrintWriter(trace));
                    line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
                } else {
                    line.append(" (").append(thrown).append(')');
                }
            }
            return redaction.apply(line.toString()) + System.lineSeparator();
        }

        /** System.Logger's names (what -vv promises), not JUL's: FINE is DEBUG, FINER and below TRACE. */
        private static String levelName(Level level) {
            if (level.intValue() >= Level.INFO.intValue()) {
                return level.getName();
            }
            return level.intValue() >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
        }
    }
}
