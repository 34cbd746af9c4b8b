package io.stratum.orm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stratum.api.Api;
import io.stratum.api.model.BlockDocument;
import io.stratum.orm.internal.JsonValueConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code block_document}. Upsert key: ({@code block_type_id}, {@code name}). {@code data} holds
 * the Fernet-encrypted JSON string written by the encryption component (or the server default {@code {}}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "BlockDocument")
@Table(name = "block_document")
public class BlockDocumentEntity extends BaseEntity implements BlockDocument {
    @Column(name = "name", nullable = false)
    private String name;

    @Mutable
    @Convert(converter = JsonValueConverter.class)
    @Column(name = "data", nullable = false)
    private JsonNode data = JsonNodeFactory.instance.objectNode();

    @Column(name = "is_anonymous", nullable = false)
    private boolean isAnonymous;

    @Column(name = "block_type_name")
    private String blockTypeName;

    @Column(name = "block_type_id", nullable = false)
    private UUID blockTypeId;

    @Column(name = "block_schema_id", nullable = false)
    private UUID blockSchemaId;

    public BlockDocumentEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public JsonNode getData() {
        return data;
    }

    public void setData(JsonNode data) {
        this.data = data;
    }

    @Override
    public boolean isAnonymous() {
        return isAnonymous;
    }

    public void setAnonymous(boolean isAnonymous) {
        this.isAnonymous = isAnonymous;
    }

    public String getBlockTypeName() {
        return blockTypeName;
    }

    public void setBlockTypeName(String blockTypeName) {
        this.blockTypeName = blockTypeName;
    }

    @Override
    public UUID getBlockTypeId() {
        return blockTypeId;
    }

    public void setBlockTypeId(UUID blockTypeId) {
        this.blockTypeId = blockTypeId;
    }

    @Override
    public UUID getBlockSchemaId() {
        return blockSchemaId;
    }

    public void setBlockSchemaId(UUID blockSchemaId) {
        this.blockSchemaId = blockSchemaId;
    }
}
