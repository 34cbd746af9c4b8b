package io.stratum.benchmarks;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Stratum;

/**
 * Run in a fresh JVM by {@link StartupBenchmark}: times the first {@code open} + {@code engine()}
 * (EntityManagerFactory and pool bootstrap, classes loaded cold) or the first full upgrade of an empty
 * database, and prints {@code seconds=…}. The PostgreSQL password comes from the environment.
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        DatabaseSettings.Builder settings = DatabaseSettings.builder().url(args[1]).migrateOnStart(false);
        if (args.length > 2) {
            settings.user(args[2]).password(BenchDatabase.Server.PASSWORD);
        }
        long start = System.nanoTime();
        try (DatabaseInterface db = Stratum.open(settings.build())) {
            if (mode.equals("bootstrap")) {
                db.engine();
            } else if (mode.equals("upgrade")) {
                db.runMigrationsUpgrade();
            } else {
                throw new IllegalArgumentException("Unknown probe mode " + mode + ": use bootstrap or upgrade.");
            }
            System.out.println("seconds=" + (System.nanoTime() - start) / 1e9);
        }
    }
}
