package io.stratum.api;

import java.util.List;
import java.util.Objects;

/**
 * A database family, as the dialect module that serves it describes it ({@link
 * io.stratum.api.spi.DialectProvider#dialect()}). The api owns no list of dialects: a deployment
 * supports whatever dialect modules it installs (module path or class path), Stratum's own ({@code postgresql},
 * {@code sqlite}) or a third party's. Two dialects are equal when all their values are.
 */
@Api(Api.Status.EXPERIMENTAL)
public final class Dialect {
    private final String id;
    private final String displayName;
    private final List<String> urlPrefixes;
    private final String artifactId;
    private final int maxQueryParameters;
    private final String schemaFamily;

    private Dialect(Builder builder) {
        this.id = require(builder.id, "id");
        this.displayName = require(builder.displayName, "display name");
        this.urlPrefixes = List.copyOf(builder.urlPrefixes);
        this.artifactId = require(builder.artifactId, "artifact id");
        this.schemaFamily = builder.schemaFamily != null ? builder.schemaFamily : id;
        this.maxQueryParameters = builder.maxQueryParameters;
        if (urlPrefixes.isEmpty() || urlPrefixes.stream().anyMatch(p -> p.isBlank() || !p.endsWith(":"))) {
            throw new IllegalArgumentException("Dialect " + id + " needs at least one URL prefix ending in ':' "
                    + "(for example jdbc:postgresql:), got " + urlPrefixes);
        }
        if (maxQueryParameters < 1) {
            throw new IllegalArgumentException("Dialect " + id + " needs a positive number of bind parameters per "
                    + "statement, got " + maxQueryParameters);
        }
    }

    /** A dialect named {@code id} (lower case, unique among the dialects of a deployment). */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Lower-case name, unique among the deployment's dialects (shown by {@code stratum --version} and in errors). */
    public String id() {
        return id;
    }

    /** The database's name for people, e.g. {@code PostgreSQL}. */
    public String displayName() {
        return displayName;
    }

    /** The JDBC URL prefixes this dialect's module accepts, e.g. {@code jdbc:postgresql:}. */
    public List<String> urlPrefixes() {
        return urlPrefixes;
    }

    /** The first of the {@link #urlPrefixes()}. */
    public String urlPrefix() {
        return urlPrefixes.get(0);
    }

    /** The Maven artifact that provides this dialect. */
    public String artifactId() {
        return artifactId;
    }

    /** Bind parameters one statement may carry; bulk writes batch under it. */
    public int maxQueryParameters() {
        return maxQueryParameters;
    }

    /**
     * The schema this dialect's databases carry: names the folder of its migration scripts
     * ({@code db/migration/<family>/}, {@code db/downgrade/<family>/}) and tags its own lines of the
     * expected schema. The {@link #id()} unless the dialect serves another dialect's database under its
     * own name (a wrapping or test dialect), which then shares that dialect's family.
     */
    public String schemaFamily() {
        return schemaFamily;
    }

    /** Whether the JDBC URL starts with one of this dialect's prefixes (case-insensitive). */
    public boolean acceptsUrl(String jdbcUrl) {
        return jdbcUrl != null && urlPrefixes.stream()
                .anyMatch(prefix -> jdbcUrl.regionMatches(true, 0, prefix, 0, prefix.length()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dialect that && id.equals(that.id) && displayName.equals(that.displayName)
                && urlPrefixes.equals(that.urlPrefixes) && artifactId.equals(that.artifactId)
                && maxQueryParameters == that.maxQueryParameters && schemaFamily.equals(that.schemaFamily);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, urlPrefixes, artifactId);
    }

    /** The id, as errors and logs name the dialect. */
    @Override
    public String toString() {
        return id;
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A dialect needs its " + what + ", got " + value);
        }
        return value;
    }

    /** Builds a {@link Dialect}; every value but the schema family (default: the id) is required. */
    public static final class Builder {
        private final String id;
        private String displayName;
        private List<String> urlPrefixes = List.of();
        private String artifactId;
        private int maxQueryParameters;
        private String schemaFamily;

        private Builder(String id) {
            this.id = id;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder urlPrefixes(String... urlPrefixes) {
            this.urlPrefixes = List.of(urlPrefixes);
            return this;
        }

        public Builder artifactId(String artifactId) {
            this.artifactId = artifactId;
            return this;
        }

        public Builder maxQueryParameters(int maxQueryParameters) {
            this.maxQueryParameters = maxQueryParameters;
            return this;
        }

        public Builder schemaFamily(String schemaFamily) {
            this.schemaFamily = schemaFamily;
            return this;
        }

        public Dialect build() {
            return new Dialect(this);
        }
    }
}
