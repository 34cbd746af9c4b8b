package io.stratum.dialect.sqlite.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits the text of a {@code CREATE TABLE} statement into its column and constraint definitions. */
final class TableDefinition {
    private TableDefinition() {
    }

    /**
     * The comma-separated items between the outermost parentheses, with comments removed. Commas inside
     * parentheses (defaults, CHECK expressions, column lists) and inside quotes do not split.
     */
    static List<String> items(String createTable) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < createTable.length(); i++) {
            char c = createTable.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '-' && i + 1 < createTable.length() && createTable.charAt(i + 1) == '-') {
                int end = createTable.indexOf('\n', i);
                i = end < 0 ? createTable.length() : end;
                continue;
            } else if (c == '(') {
                depth++;
                if (depth == 1) {
                    continue;
                }
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    break;
                }
            } else if (c == ',' && depth == 1) {
                items.add(current.toString().trim());
                current.setLength(0);
                continue;
            }
            if (depth >= 1) {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            items.add(current.toString().trim());
        }
        return items;
    }
}
