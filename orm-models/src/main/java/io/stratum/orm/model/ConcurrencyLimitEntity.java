package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.ConcurrencyLimit;
import io.stratum.orm.internal.JsonListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code concurrency_limit}: v1 tag limits (served by an adapter on v2 since the reference's
 * migration {@code 9e83011d1f2a}). Upsert key: {@code tag}.
 */
@Api(Api.Status.STABLE)
@Entity(name = "ConcurrencyLimit")
@Table(name = "concurrency_limit")
public class ConcurrencyLimitEntity extends BaseEntity implements ConcurrencyLimit {
    @Column(name = "tag", nullable = false)
    private String tag;

    @Column(name = "concurrency_limit", nullable = false)
    private int concurrencyLimit;

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "active_slots", nullable = false)
    private List<String> activeSlots = new ArrayList<>();

    public ConcurrencyLimitEntity() {
    }

    @Override
    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    @Override
    public int getConcurrencyLimit() {
        return concurrencyLimit;
    }

    public void setConcurrencyLimit(int concurrencyLimit) {
        this.concurrencyLimit = concurrencyLimit;
    }

    public List<String> getActiveSlots() {
        return activeSlots;
    }

    public void setActiveSlots(List<String> activeSlots) {
        this.activeSlots = activeSlots;
    }
}
