package io.stratum.queries.internal;

import io.stratum.api.StratumException;
import io.stratum.api.query.ConfigurationValues;
import io.stratum.orm.model.ConfigurationEntity;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

/** Configuration values through a per-instance TTL cache (see {@link ConfigurationValues}). */
final class CachedConfigurationValues implements ConfigurationValues {
    private final TtlCache<String, Map<String, Object>> cache;
    /**
     * Keys each session wrote through this instance. Until that session is gone, what it reads for such a key
     * may be its own uncommitted write, which must not reach the cache (a rollback would leave it there).
     */
    private final Map<EntityManager, Set<String>> writtenBySession = Collections.synchronizedMap(new WeakHashMap<>());

    CachedConfigurationValues(Duration ttl) {
        this.cache = new TtlCache<>(MAX_CACHED_KEYS, ttl, System::nanoTime);
    }

    @Override
    public Optional<Map<String, Object>> read(EntityManager session, String key) {
        requireKey(key);
        boolean ownWrite = wroteInSession(session, key);
        if (!ownWrite) {
            Map<String, Object> cached = cache.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<ConfigurationEntity> row = find(session, key);
        if (row.isEmpty() || row.get().getValue() == null) {
            return Optional.empty();
        }
        Map<String, Object> value = readOnlyCopy(row.get().getValue());
        if (!ownWrite) {
            cache.put(key, value);
        }
        return Optional.of(value);
    }

    @Override
    public void write(EntityManager session, String key, Map<String, Object> value) {
        requireKey(key);
        if (value == null) {
            throw new IllegalArgumentException("Configuration " + key + " needs a JSON object value; use delete to remove it.");
        }
        requireTransaction(session, "writing configuration " + key);
        markWritten(session, key);
        cache.remove(key);
        Optional<ConfigurationEntity> existing = find(session, key);
        if (existing.isPresent()) {
            existing.get().setValue(new LinkedHashMap<>(value));
        } else {
            ConfigurationEntity row = new ConfigurationEntity();
            row.setKey(key);
            row.setValue(new LinkedHashMap<>(value));
            session.persist(row);
        }
        session.flush();
    }

    @Override
    public boolean delete(EntityManager session, String key) {
        requireKey(key);
        requireTransaction(session, "deleting configuration " + key);
        markWritten(session, key);
        cache.remove(key);
        Optional<ConfigurationEntity> existing = find(session, key);
        existing.ifPresent(session::remove);
        session.flush();
        return existing.isPresent();
    }

    @Override
    public void evict(String key) {
        cache.remove(key);
    }

    @Override
    public ConfigurationValues withCacheTtl(Duration ttl) {
        return new CachedConfigurationValues(ttl);
    }

    private static Optional<ConfigurationEntity> find(EntityManager session, String key) {
        List<ConfigurationEntity> rows = session.createQuery("SELECT c FROM Configuration c WHERE c.key = :key",
                ConfigurationEntity.class).setParameter("key", key).getResultList();
        return rows.stream().findFirst();
    }

    private boolean wroteInSession(EntityManager session, String key) {
        Set<String> keys = writtenBySession.get(session);
        return keys != null && keys.contains(key);
    }

    private void markWritten(EntityManager session, String key) {
        writtenBySession.computeIfAbsent(session, s -> Collections.synchronizedSet(new HashSet<>())).add(key);
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("A configuration key must be a non-empty string.");
        }
    }

    private static void requireTransaction(EntityManager session, String operation) {
        if (session == null || !session.isOpen() || !session.getTransaction().isActive()) {
            throw new StratumException(Character.toUpperCase(operation.charAt(0)) + operation.substring(1)
                    + " needs a session with an active transaction. Run it inside db.inTransaction(...).");
        }
    }

    /** A deep, unmodifiable copy: the cached value is shared by every reader. */
    @SuppressWarnings("unchecked")
    static <T> T readOnlyCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), readOnlyCopy(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(readOnlyCopy(item)));
            return (T) Collections.unmodifiableList(copy);
        }
        return value;
    }
}
