package io.stratum.orm.types;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.stratum.api.Api;
import java.util.Map;
import java.util.UUID;

/**
 * {@code work_pool.storage_configuration}: where a pool's workers upload and fetch bundles. As in the
 * reference, fields other than these three are forbidden: reading one fails (the shared mapper would
 * otherwise ignore it).
 */
@Api(Api.Status.STABLE)
@JsonIgnoreProperties(ignoreUnknown = false)
public record WorkPoolStorageConfiguration(Map<String, Object> bundleUploadStep,
                                           Map<String, Object> bundleExecutionStep,
                                           UUID defaultResultStorageBlockId) {

    /** The server default {@code {}}: no storage configured. */
    public static WorkPoolStorageConfiguration empty() {
        return new WorkPoolStorageConfiguration(null, null, null);
    }

    @JsonAnySetter
    private void rejectUnknownField(String name, Object value) {
        throw new IllegalArgumentException("unknown field '" + name + "' (extra fields are forbidden)");
    }
}
