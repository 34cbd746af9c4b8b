package io.stratum.queries.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A dialect's helper template ({@link io.stratum.api.spi.QueryHelperSql}): SQL text split at its slots
 * {@code {0}}, {@code {1}}, …. {@code parts} has one more element than {@code slots}: part 0, then the
 * argument of slot 0, part 1, and so on.
 */
record SqlTemplate(List<String> parts, List<Integer> slots) {

    static SqlTemplate parse(String template, int arguments) {
        List<String> parts = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close > i + 1 && template.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int slot = Integer.parseInt(template.substring(i + 1, close));
                if (slot >= arguments) {
                    throw new IllegalStateException("Helper template names slot {" + slot + "} but has "
                            + arguments + " arguments: " + template);
                }
                parts.add(part.toString());
                part.setLength(0);
                slots.add(slot);
                i = close + 1;
            } else {
                part.append(c);
                i++;
            }
        }
        parts.add(part.toString());
        return new SqlTemplate(List.copyOf(parts), List.copyOf(slots));
    }

    /** The template with each slot replaced by its argument's SQL. */
    String render(Function<Integer, String> argumentSql) {
        StringBuilder sql = new StringBuilder(parts.get(0));
        for (int i = 0; i < slots.size(); i++) {
            sql.append(argumentSql.apply(slots.get(i))).append(parts.get(i + 1));
        }
        return sql.toString();
    }
}
