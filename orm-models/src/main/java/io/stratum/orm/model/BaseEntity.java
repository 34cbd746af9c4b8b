package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.time.Instant;
import java.util.UUID;

/**
 * The base columns of every table: {@code id} (assigned here, so it is known before the row is
 * written), {@code created} and {@code updated} (UTC, microsecond precision, maintained on write).
 */
@Api(Api.Status.STABLE)
@MappedSuperclass
public abstract class BaseEntity {
    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "created", nullable = false, updatable = false)
    private Instant created;

    @Column(name = "updated", nullable = false)
    private Instant updated;

    /** A new row: a random id and the current time as created and updated. */
    protected BaseEntity() {
        id = UUID.randomUUID();
        created = Timestamps.now();
        updated = created;
    }

    /**
     * An instance whose every column is about to be set from a database row ({@code fromDatabaseRow()}
     * of an entity, see {@code RowInstantiation}): no defaults are made, since the row overwrites them.
     */
    BaseEntity(FilledFromRow filledFromRow) {
    }

    public UUID getId() {
        return id;
    }

    public void setId(UUID id) {
        this.id = id;
    }

    public Instant getCreated() {
        return created;
    }

    public void setCreated(Instant created) {
        this.created = Timestamps.micros(created);
    }

    public Instant getUpdated() {
        return updated;
    }

    public void setUpdated(Instant updated) {
        this.updated = Timestamps.micros(updated);
    }

    @PrePersist
    void beforeInsert() {
        if (created == null) {
            created = Timestamps.now();
        }
        if (updated == null) {
            updated = created;
        }
    }

    @PreUpdate
    void beforeUpdate() {
        updated = Timestamps.now();
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && id != null && id.equals(((BaseEntity) other).id);
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName().replaceFirst("Entity$", "") + "(id=" + id + ")";
    }
}
