package io.stratum.api;

/**
 * The database families Stratum supports. Each is served by its own module
 * ({@link #artifactId()}), which must be on the module path (or the class path) for its URLs to open.
 */
public enum Dialect {
    POSTGRESQL("postgresql", "jdbc:postgresql:", "stratum-dialect-postgres", 32_767),
    SQLITE("sqlite", "jdbc:sqlite:", "stratum-dialect-sqlite", 999);

    private final String id;
    private final String urlPrefix;
    private final String artifactId;
    private final int maxQueryParameters;

    Dialect(String id, String urlPrefix, String artifactId, int maxQueryParameters) {
        this.id = id;
        this.urlPrefix = urlPrefix;
        this.artifactId = artifactId;
        this.maxQueryParameters = maxQueryParameters;
    }

    /** Lower-case name, also the name of the dialect's migration folder. */
    public String id() {
        return id;
    }

    /** The JDBC URL prefix this dialect's module accepts. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /** The Maven artifact that provides this dialect. */
    public String artifactId() {
        return artifactId;
    }

    /** Bind parameters one statement may carry; bulk writes batch under it. */
    public int maxQueryParameters() {
        return maxQueryParameters;
    }

    /** The dialect whose URL prefix the URL starts with, or {@code null}. */
    public static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        for (Dialect dialect : values()) {
            if (jdbcUrl.regionMatches(true, 0, dialect.urlPrefix, 0, dialect.urlPrefix.length())) {
                return dialect;
            }
        }
        return null;
    }
}
