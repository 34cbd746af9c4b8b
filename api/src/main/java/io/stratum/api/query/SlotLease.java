package io.stratum.api.query;

import io.stratum.api.Api;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Slots held on concurrency limits until released, or until the lease expires unrenewed.
 *
 * @param id          the lease, to {@link ConcurrencyLimits#release release} or {@link ConcurrencyLimits#renew renew}
 * @param expires     when {@link ConcurrencyLimits#expireLeases} may give the slots back
 * @param slots       slots held on each limit
 * @param activeSlots per limit name: the limit's {@code active_slots} right after this acquisition (inactive
 *                    limits, which do not count slots, are absent)
 */
@Api(Api.Status.EXPERIMENTAL)
public record SlotLease(UUID id, Instant expires, int slots, Map<String, Integer> activeSlots) {
}
