package io.stratum.migrations.internal;

import java.util.Comparator;

/** Revision ids are Flyway versions: dot-separated numbers compared part by part ({@code 2 < 2.1 < 10}). */
public final class Versions {
    /** Orders revision ids oldest first. */
    public static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    public static boolean isValid(String id) {
        return id != null && id.matches("\\d+(\\.\\d+)*");
    }

    public static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? x[i] : 0;
            int q = i < y.length ? y[i] : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int[] parse(String id) {
        if (!isValid(id)) {
            // Not a Stratum revision id (a foreign row in the history table): sorts after every real one.
            return new int[] {Integer.MAX_VALUE};
        }
        String[] parts = id.split("\\.");
        int[] version = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            version[i] = Integer.parseInt(parts[i]);
        }
        return version;
    }
}
