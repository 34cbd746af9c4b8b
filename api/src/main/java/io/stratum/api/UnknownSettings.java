package io.stratum.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * A misspelt {@code STRATUM_DATABASE_*} variable or {@code stratum.database.*} property would be ignored
 * without a word and its default used instead; each one is logged once per process as a WARNING naming
 * the closest setting.
 */
final class UnknownSettings {
    private static final Logger LOG = System.getLogger(UnknownSettings.class.getName());
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private UnknownSettings() {
    }

    static void warn(Collection<String> environmentVariables, Collection<String> systemProperties) {
        for (String name : environmentVariables) {
            if (name.startsWith(SettingKey.ENVIRONMENT_PREFIX) && SettingKey.byVariableOrProperty(name) == null) {
                warnOnce(name, true);
            }
        }
        for (String name : systemProperties) {
            if (name.startsWith(SettingKey.PROPERTY_PREFIX) && SettingKey.byVariableOrProperty(name) == null) {
                warnOnce(name, false);
            }
        }
    }

    private static void warnOnce(String name, boolean environment) {
        if (WARNED.add(name)) {
            LOG.log(Level.WARNING, message(name, environment));
        }
    }

    /** {@code STRATUM_DATABASE_TIMOUT is not a Stratum setting; did you mean STRATUM_DATABASE_TIMEOUT?} */
    static String message(String name, boolean environment) {
        SettingKey closest = closest(name, environment);
        String suggestion = environment ? closest.environmentVariable() : closest.systemProperty();
        return name + " is not a Stratum setting; did you mean " + suggestion + "? It is ignored. The settings are "
                + "listed under SettingKey (and by 'stratum database --help').";
    }

    /** The key whose variable (or property) is the fewest single-character edits away, case ignored. */
    static SettingKey closest(String name, boolean environment) {
        SettingKey best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (SettingKey key : SettingKey.values()) {
            String known = environment ? key.environmentVariable() : key.systemProperty();
            int distance = distance(name.toUpperCase(Locale.ROOT), known.toUpperCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
