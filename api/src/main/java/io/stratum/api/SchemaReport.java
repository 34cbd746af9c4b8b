package io.stratum.api;

import java.util.List;

/**
 * The result of {@link DatabaseInterface#verifySchema()}: how the live schema differs from the model
 * and from the reference's catalogue of tables, indexes and constraints. Each problem names the
 * table, column, index or constraint and says what is wrong; an empty list means no drift.
 */
@Api(Api.Status.STABLE)
public record SchemaReport(Dialect dialect, List<String> problems) {

    public SchemaReport {
        if (dialect == null || problems == null) {
            throw new IllegalArgumentException("A schema report needs a dialect and a (possibly empty) problem list");
        }
        problems = List.copyOf(problems);
    }

    /** Whether the live schema matches the model and the reference's catalogue exactly. */
    public boolean isClean() {
        return problems.isEmpty();
    }

    /** A readable summary: one line when clean, else one line per problem. */
    public String describe() {
        if (isClean()) {
            return "The " + dialect.id() + " schema matches the model and the reference catalogue.";
        }
        StringBuilder text = new StringBuilder("The " + dialect.id() + " schema differs from the model in "
                + problems.size() + (problems.size() == 1 ? " place:" : " places:"));
        problems.forEach(problem -> text.append(System.lineSeparator()).append("  - ").append(problem));
        return text.toString();
    }
}
