package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.ConcurrencyLimitV2;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * Table {@code concurrency_limit_v2}: global concurrency limits. The table has no server defaults, so
 * the defaults below are always written.
 */
@Api(Api.Status.STABLE)
@Entity(name = "ConcurrencyLimitV2")
@Table(name = "concurrency_limit_v2")
public class ConcurrencyLimitV2Entity extends BaseEntity implements ConcurrencyLimitV2 {
    @Column(name = "active", nullable = false)
    private boolean active = true;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "\"limit\"", nullable = false)
    private int limit;

    @Column(name = "active_slots", nullable = false)
    private int activeSlots;

    @Column(name = "denied_slots", nullable = false)
    private int deniedSlots;

    @Column(name = "slot_decay_per_second", nullable = false)
    private double slotDecayPerSecond = 0.0;

    @Column(name = "avg_slot_occupancy_seconds", nullable = false)
    private double avgSlotOccupancySeconds = 2.0;

    public ConcurrencyLimitV2Entity() {
    }

    @Override
    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public int getLimit() {
        return limit;
    }

    public void setLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public int getActiveSlots() {
        return activeSlots;
    }

    public void setActiveSlots(int activeSlots) {
        this.activeSlots = activeSlots;
    }

    public int getDeniedSlots() {
        return deniedSlots;
    }

    public void setDeniedSlots(int deniedSlots) {
        this.deniedSlots = deniedSlots;
    }

    public double getSlotDecayPerSecond() {
        return slotDecayPerSecond;
    }

    public void setSlotDecayPerSecond(double slotDecayPerSecond) {
        this.slotDecayPerSecond = slotDecayPerSecond;
    }

    public double getAvgSlotOccupancySeconds() {
        return avgSlotOccupancySeconds;
    }

    public void setAvgSlotOccupancySeconds(double avgSlotOccupancySeconds) {
        this.avgSlotOccupancySeconds = avgSlotOccupancySeconds;
    }
}
