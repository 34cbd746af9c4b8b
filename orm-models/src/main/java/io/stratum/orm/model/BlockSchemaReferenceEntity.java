package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.BlockSchemaReference;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * Table {@code block_schema_reference}: a named reference from a block schema to a nested block schema.
 */
@Api(Api.Status.STABLE)
@Entity(name = "BlockSchemaReference")
@Table(name = "block_schema_reference")
public class BlockSchemaReferenceEntity extends BaseEntity implements BlockSchemaReference {
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "parent_block_schema_id", nullable = false)
    private UUID parentBlockSchemaId;

    @Column(name = "reference_block_schema_id", nullable = false)
    private UUID referenceBlockSchemaId;

    public BlockSchemaReferenceEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public UUID getParentBlockSchemaId() {
        return parentBlockSchemaId;
    }

    public void setParentBlockSchemaId(UUID parentBlockSchemaId) {
        this.parentBlockSchemaId = parentBlockSchemaId;
    }

    @Override
    public UUID getReferenceBlockSchemaId() {
        return referenceBlockSchemaId;
    }

    public void setReferenceBlockSchemaId(UUID referenceBlockSchemaId) {
        this.referenceBlockSchemaId = referenceBlockSchemaId;
    }
}
