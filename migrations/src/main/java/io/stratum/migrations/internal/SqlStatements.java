package io.stratum.migrations.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a down script into statements at top-level semicolons, ignoring those inside quotes,
 * comments, dollar-quoted bodies and the {@code BEGIN … END} body of a {@code CREATE TRIGGER}.
 */
final class SqlStatements {
    private SqlStatements() {
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        List<String> leadingWords = new ArrayList<>();
        boolean trigger = false;
        int depth = 0;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                current.append('\n');
                continue;
            }
            if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                current.append(' ');
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(script, i + 1, c);
                current.append(script, i, end);
                i = end;
                continue;
            }
            if (c == '$') {
                int tagEnd = script.indexOf('$', i + 1);
                if (tagEnd > 0 && script.substring(i + 1, tagEnd).matches("[A-Za-z_]*")) {
                    String tag = script.substring(i, tagEnd + 1);
                    int end = script.indexOf(tag, tagEnd + 1);
                    end = end < 0 ? n : end + tag.length();
                    current.append(script, i, end);
                    i = end;
                    continue;
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(script.charAt(end)) || script.charAt(end) == '_')) {
                    end++;
                }
                String word = script.substring(i, end).toUpperCase(Locale.ROOT);
                current.append(script, i, end);
                i = end;
                if (leadingWords.size() < 4) {
                    leadingWords.add(word);
                    trigger = trigger || leadingWords.get(0).equals("CREATE") && word.equals("TRIGGER");
                }
                if (trigger) {
                    if (word.equals("BEGIN") || word.equals("CASE")) {
                        depth++;
                    } else if (word.equals("END") && depth > 0) {
                        depth--;
                    }
                }
                continue;
            }
            if (c == ';' && depth == 0) {
                add(statements, current);
                current.setLength(0);
                leadingWords.clear();
                trigger = false;
                i++;
                continue;
            }
            current.append(c);
            i++;
        }
        add(statements, current);
        return statements;
    }

    private static int closing(String script, int from, char quote) {
        int i = from;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return script.length();
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String text = statement.toString().trim();
        if (!text.isEmpty()) {
            statements.add(text);
        }
    }
}
