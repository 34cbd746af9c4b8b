package io.stratum.dialect.sqlite.internal;

import java.nio.file.Path;

/** Where a {@code jdbc:sqlite:} URL points: a file, or memory. */
record SqliteLocation(Path file, boolean inMemory) {

    static SqliteLocation parse(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        String path = query >= 0 ? rest.substring(0, query) : rest;
        String parameters = query >= 0 ? rest.substring(query + 1) : "";
        if (path.isEmpty() || path.equals(":memory:") || path.startsWith("file::memory:")
                || parameters.contains("mode=memory")) {
            return new SqliteLocation(null, true);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
        }
        return new SqliteLocation(Path.of(path), false);
    }
}
