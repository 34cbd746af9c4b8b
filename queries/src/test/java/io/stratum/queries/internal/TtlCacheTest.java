package io.stratum.queries.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TtlCacheTest {
    private final AtomicLong now = new AtomicLong();
    private final TtlCache<String, String> cache = new TtlCache<>(100, Duration.ofSeconds(3600), now::get);

    @Test
    void entriesExpireOneTimeToLiveAfterTheyWerePut() {
        cache.put("a", "1");
        now.addAndGet(Duration.ofSeconds(3599).toNanos());
        assertThat(cache.get("a")).isEqualTo("1");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void atMostOneHundredKeysTheLeastRecentlyUsedGoesFirst() {
        for (int i = 0; i < 100; i++) {
            cache.put("k" + i, "v" + i);
        }
        assertThat(cache.get("k0")).isEqualTo("v0");
        cache.put("k100", "v100");
        assertThat(cache.size()).isEqualTo(100);
        assertThat(cache.get("k1")).isNull();
        assertThat(cache.get("k0")).isEqualTo("v0");
        assertThat(cache.get("k100")).isEqualTo("v100");
    }

    @Test
    void removeForgetsAndBadSizesAreRefused() {
        cache.put("a", "1");
        cache.remove("a");
        assertThat(cache.get("a")).isNull();
        assertThatThrownBy(() -> new TtlCache<String, String>(0, Duration.ofSeconds(1), now::get))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TtlCache<String, String>(1, Duration.ZERO, now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
