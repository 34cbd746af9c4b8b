package io.stratum.api;

/** One schema revision known to this build: its id (a Flyway version such as {@code "2"}) and description. */
@Api(Api.Status.STABLE)
public record Revision(String id, String description) {
    @Override
    public String toString() {
        return id + " (" + description + ")";
    }
}
