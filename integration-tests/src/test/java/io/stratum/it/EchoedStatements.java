package io.stratum.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The SQL statements EclipseLink echoes (a database opened with {@code echo(true)}) while this is open, trimmed
 * and upper-cased, for tests that count what a call sends.
 */
final class EchoedStatements implements AutoCloseable {
    private static final Logger ECLIPSELINK = Logger.getLogger("org.eclipse.persistence");

    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLoggerName() != null && record.getLoggerName().endsWith(".sql")) {
                statements.add(record.getMessage().trim().toUpperCase(Locale.ROOT));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private EchoedStatements() {
        handler.setLevel(Level.ALL);
        ECLIPSELINK.addHandler(handler);
    }

    /** Starts capturing; close to stop. */
    static EchoedStatements capture() {
        return new EchoedStatements();
    }

    /** Forgets what was captured so far. */
    void clear() {
        statements.clear();
    }

    /** What was captured, in order. */
    List<String> all() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    /** What was captured, without the transaction's BEGIN and COMMIT. */
    List<String> withoutBeginAndCommit() {
        return all().stream().filter(s -> !s.startsWith("BEGIN") && !s.startsWith("COMMIT")).toList();
    }

    @Override
    public void close() {
        ECLIPSELINK.removeHandler(handler);
    }
}
