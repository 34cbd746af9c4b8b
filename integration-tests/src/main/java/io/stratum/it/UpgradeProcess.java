package io.stratum.it;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Revision;
import io.stratum.api.Stratum;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A separate server process upgrading a database: the migration concurrency test starts several of
 * these with a plain {@code java --module-path … --module io.stratum.it/io.stratum.it.UpgradeProcess}.
 * Reads the database from the {@code STRATUM_DATABASE_*} environment, opens it with migrate-on-start
 * off, waits until the wall-clock time given as the first argument (epoch milliseconds, so every
 * process starts upgrading at the same moment), runs {@code runMigrationsUpgrade()} and prints what it
 * applied. Exits 0 on success, 1 with the stack trace on stderr otherwise.
 */
public final class UpgradeProcess {
    private UpgradeProcess() {
    }

    public static void main(String[] args) throws Exception {
        long startAt = args.length > 0 ? Long.parseLong(args[0]) : 0;
        DatabaseSettings settings = DatabaseSettings.fromEnvironment().toBuilder().migrateOnStart(false).build();
        try (DatabaseInterface db = Stratum.open(settings)) {
            long wait = startAt - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            long started = System.nanoTime();
            List<Revision> applied = db.migrations().upgrade("head");
            db.runMigrationsUpgrade();
            System.out.println("pid " + ProcessHandle.current().pid() + " applied ["
                    + applied.stream().map(Revision::id).collect(Collectors.joining(", ")) + "] in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms; current " + db.migrations().current().orElse("base"));
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
