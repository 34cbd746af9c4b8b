package io.stratum.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stratum.api.ConfigurationException;
import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.DatabaseUnavailableException;
import io.stratum.api.Stratum;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No password reaches a log record of any logger (the drivers' included, at every level) while
 * Stratum opens, connects, or refuses a URL, and every error names the URL redacted (issue 13 item 10:
 * pgjdbc logged a malformed URL verbatim at WARNING). Both dialects; connections go to loopback only,
 * to a port nothing listens on.
 */
class SecretsInLogsTest {
    private static final String SECRET = "Top/Secret#Value?1";
    private static final Formatter FORMAT = new Formatter();

    /** Strong references: JUL forgets levels of loggers nobody references. */
    private final List<Logger> loggers = List.of(Logger.getLogger(""), Logger.getLogger("org.postgresql"),
            Logger.getLogger("io.stratum"), Logger.getLogger("io.agroal"), Logger.getLogger("org.sqlite"));
    private final List<Level> levels = new ArrayList<>();
    private final List<String> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(FORMAT.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureEveryRecord() {
        capture.setLevel(Level.ALL);
        for (Logger logger : loggers) {
            levels.add(logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void restore() {
        Logger.getLogger("").removeHandler(capture);
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).setLevel(levels.get(i));
        }
    }

    @Test
    void malformedPostgresUrlsAreRefusedRedactedAndTheDriverNeverLogsThem() throws Exception {
        int port = DatabaseInterfaceContract.closedLoopbackPort();
        String encoded = java.net.URLEncoder.encode(SECRET, java.nio.charset.StandardCharsets.UTF_8);
        List<List<String>> forms = List.of(
                // pgjdbc logged these at WARNING: "JDBC URL contains too many / characters: <url>", "must contain a /".
                List.of("jdbc:postgresql://127.0.0.1:" + port + "/db/extra?password=" + encoded, "more than one /",
                        "jdbc:postgresql://127.0.0.1:" + port + "/db/extra?password=***"),
                List.of("jdbc:postgresql://127.0.0.1:" + port + "?password=" + encoded + "&ssl=false", "a / must follow the host",
                        "?password=***&ssl=false"),
                // user-info: pgjdbc would read "p@ss@127.0.0.1" as host and port and log the port "not valid".
                List.of("jdbc:postgresql://postgres:" + SECRET + "@127.0.0.1:" + port + "/db", "user or password before the host",
                        "jdbc:postgresql://postgres:***@127.0.0.1:" + port + "/db"),
                List.of("jdbc:postgresql://127.0.0.1:" + port + "/db?password=" + SECRET + "%zz", "not properly URL-encoded",
                        "?password=***"),
                List.of("jdbc:postgresql://127.0.0.1:99999/db?sslpassword=" + encoded, "port (a number from 1 to 65535)",
                        "?sslpassword=***"));
        for (List<String> form : forms) {
            // Without migrate_on_start, open touches nothing (the readiness-probe contract): the URL is
            // checked at first use, and isDbConnectable() answers false where checkConnectable() says why.
            DatabaseInterface lazy = Stratum.open(DatabaseSettings.builder().url(form.get(0)).migrateOnStart(false).build());
            assertThat(lazy.isDbConnectable()).as(form.get(0)).isFalse();
            Throwable failure = catchThrowable(lazy::checkConnectable);
            lazy.close();
            assertThat(failure).as(form.get(0)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(form.get(1)).hasMessageContaining(form.get(2));
            assertThat(failure.getMessage()).doesNotContain(SECRET, encoded);
        }
        assertNoSecretLogged();
    }

    @Test
    void aPasswordInAPostgresUrlReachesTheDriverAsAPropertyNotInTheUrlItLogs() throws Exception {
        int port = DatabaseInterfaceContract.closedLoopbackPort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/db?password=" + SECRET.replace("#", "%23").replace("?", "%3F")
                + "&sslpassword=" + SECRET.replace("#", "%23").replace("?", "%3F");
        try (DatabaseInterface db = Stratum.open(DatabaseSettings.builder().url(url)
                .connectionTimeout(Duration.ofSeconds(2)).migrateOnStart(false).build())) {
            // isDbConnectable and a session both connect (the driver logs "Connecting with URL" at FINE).
            assertThat(db.isDbConnectable()).isFalse();
            Throwable failure = catchThrowable(() -> db.inTransaction(session -> null));
            assertThat(failure).isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("password=***&sslpassword=***");
            assertThat(failure.getMessage()).doesNotContain(SECRET);
        }
        assertThat(records).as("the driver logged its connection attempts").anyMatch(r -> r.contains("org.postgresql"));
        assertNoSecretLogged();
    }

    @Test
    void passwordsInUrlsOfEitherDialectNeverReachALogRecordOrAnError(@TempDir Path dir) throws Exception {
        int port = DatabaseInterfaceContract.closedLoopbackPort();
        List<String> urls = List.of(
                "jdbc:sqlite:" + dir.resolve("missing-folder").resolve("x.db") + "?password=" + SECRET,
                "jdbc:postgresql://127.0.0.1:" + port + "/db?user=u&password=" + SECRET.replace("#", "%23").replace("?", "%3F"),
                "jdbc:mysql://u:" + SECRET + "@127.0.0.1:" + port + "/db");
        for (String url : urls) {
            Throwable failure = catchThrowable(() -> {
                try (DatabaseInterface db = Stratum.open(DatabaseSettings.builder().url(url)
                        .connectionTimeout(Duration.ofSeconds(2)).migrateOnStart(true).build())) {
                    db.isDbConnectable();
                }
            });
            assertThat(failure).as(url).isNotNull();
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).as(url).doesNotContain(SECRET);
        }
        assertThat(Files.exists(dir.resolve("missing-folder"))).isFalse();
        assertNoSecretLogged();
    }

    private void assertNoSecretLogged() {
        for (String record : records) {
            assertThat(record).doesNotContain(SECRET).doesNotContain(SECRET.replace("#", "%23").replace("?", "%3F"))
                    .doesNotContain(java.net.URLEncoder.encode(SECRET, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The message as a handler would print it (parameters filled in) and the throwable's whole trace. */
    private static final class Formatter extends SimpleFormatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder text = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " "
                    + formatMessage(record) + " " + record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append(' ').append(trace);
            }
            return text.toString();
        }
    }
}
