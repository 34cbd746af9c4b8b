package io.stratum.queries.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** A small least-recently-used map whose entries expire a fixed time after they were put. Thread-safe. */
final class TtlCache<K, V> {
    private final int maxSize;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final LinkedHashMap<K, Entry<V>> entries;

    private record Entry<V>(V value, long expiresAt) {
    }

    TtlCache(int maxSize, Duration ttl, LongSupplier nanoClock) {
        if (maxSize < 1 || ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("A cache needs room for at least one entry and a positive time to live, "
                    + "not " + maxSize + " entries for " + ttl + ".");
        }
        this.maxSize = maxSize;
        this.ttlNanos = ttl.toNanos();
        this.clock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > TtlCache.this.maxSize;
            }
        };
    }

    /** The fresh value of {@code key}, or null. */
    synchronized V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() - entry.expiresAt() >= 0) {
            entries.remove(key);
            return null;
        }
        return entry.value();
    }

    synchronized void put(K key, V value) {
        entries.put(key, new Entry<>(value, clock.getAsLong() + ttlNanos));
    }

    synchronized void remove(K key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }
}
