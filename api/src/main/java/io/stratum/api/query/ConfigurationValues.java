package io.stratum.api.query;

import io.stratum.api.Api;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Values of table {@code configuration} (key → JSON object), read through a small in-memory cache as in
 * the reference: at most 100 keys, each kept for the cache's time to live (default 3600 s), only values
 * that exist are cached.
 *
 * <p><b>Caches are per instance.</b> The instance of {@link io.stratum.api.DatabaseInterface#queries()} has
 * one cache per database interface; {@link #withCacheTtl} makes an independent one. A write or delete
 * through an instance evicts the key from that instance's cache only, so another instance or process sees
 * the change once its cached entry expires: the time to live bounds how stale a value can be. A value
 * read by a session that wrote the same key through this instance is not cached, so a rolled-back write
 * never reaches the cache. Returned values are read-only.
 */
@Api(Api.Status.EXPERIMENTAL)
public interface ConfigurationValues {

    /** The default time to live of cached values. */
    Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(3600);

    /** At most this many keys are cached; the least recently used goes first. */
    int MAX_CACHED_KEYS = 100;

    /** The value of {@code key}, from the cache while fresh, else read in the caller's session. */
    Optional<Map<String, Object>> read(EntityManager session, String key);

    /**
     * Sets the value of {@code key} (select, then insert or update, as the reference does) in the caller's
     * session, which needs an active transaction, and evicts the key from this instance's cache.
     */
    void write(EntityManager session, String key, Map<String, Object> value);

    /** Deletes {@code key} in the caller's transaction and evicts it; false when there was no such key. */
    boolean delete(EntityManager session, String key);

    /** Forgets the cached value of {@code key}, if any. */
    void evict(String key);

    /** A new instance over the same database with its own, empty cache whose entries live {@code ttl}. */
    ConfigurationValues withCacheTtl(Duration ttl);
}
