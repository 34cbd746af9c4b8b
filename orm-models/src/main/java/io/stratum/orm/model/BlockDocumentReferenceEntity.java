package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.BlockDocumentReference;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * Table {@code block_document_reference}: a named reference from a block document to a nested one
 * (never to itself: check {@code ck_block_document_reference__no_self_reference}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "BlockDocumentReference")
@Table(name = "block_document_reference")
public class BlockDocumentReferenceEntity extends BaseEntity implements BlockDocumentReference {
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "parent_block_document_id", nullable = false)
    private UUID parentBlockDocumentId;

    @Column(name = "reference_block_document_id", nullable = false)
    private UUID referenceBlockDocumentId;

    public BlockDocumentReferenceEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public UUID getParentBlockDocumentId() {
        return parentBlockDocumentId;
    }

    public void setParentBlockDocumentId(UUID parentBlockDocumentId) {
        this.parentBlockDocumentId = parentBlockDocumentId;
    }

    @Override
    public UUID getReferenceBlockDocumentId() {
        return referenceBlockDocumentId;
    }

    public void setReferenceBlockDocumentId(UUID referenceBlockDocumentId) {
        this.referenceBlockDocumentId = referenceBlockDocumentId;
    }
}
