package io.stratum.orm.types;

import io.stratum.api.Api;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code work_queue.filter} (deprecated): the tags and deployments a legacy queue serves. Either list may
 * be absent; present lists may not hold {@code null} entries.
 */
@Api(Api.Status.STABLE)
public record QueueFilter(List<String> tags, List<UUID> deploymentIds) implements ValidatedJson {

    @Override
    public String validationError() {
        if (tags != null && tags.stream().anyMatch(Objects::isNull)) {
            return "has a null entry in tags";
        }
        if (deploymentIds != null && deploymentIds.stream().anyMatch(Objects::isNull)) {
            return "has a null entry in deployment_ids";
        }
        return null;
    }
}
