package io.stratum.api;

import java.util.ArrayList;
import java.util.List;

/** What a clean built from the settings deletes ({@link SettingKey#RETENTION_ENABLED}). */
@Api(Api.Status.EXPERIMENTAL)
public enum RetentionKind {
    /** Old terminal top-level flow runs, what cascades from them, and orphaned logs, artifacts and collections. */
    FLOW_RUNS("flow_runs"),
    /** Old events and their resources, with the per-type overrides. */
    EVENTS("events");

    private final String settingName;

    RetentionKind(String settingName) {
        this.settingName = settingName;
    }

    /** The name in {@code retention_enabled}: {@code flow_runs}, {@code events}. */
    public String settingName() {
        return settingName;
    }

    static RetentionKind bySettingName(String name) {
        for (RetentionKind kind : values()) {
            if (kind.settingName.equalsIgnoreCase(name)) {
                return kind;
            }
        }
        return null;
    }

    static List<String> settingNames() {
        List<String> names = new ArrayList<>();
        for (RetentionKind kind : values()) {
            names.add(kind.settingName);
        }
        return names;
    }
}
