package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.BlockSchema;
import io.stratum.orm.internal.JsonListConverter;
import io.stratum.orm.internal.JsonObjectConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code block_schema}. Upsert key: ({@code checksum}, {@code version}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "BlockSchema")
@Table(name = "block_schema")
public class BlockSchemaEntity extends BaseEntity implements BlockSchema {
    @Column(name = "checksum", nullable = false)
    private String checksum;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "fields", nullable = false)
    private Map<String, Object> fields = new HashMap<>();

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "capabilities", nullable = false)
    private List<String> capabilities = new ArrayList<>();

    @Column(name = "version", nullable = false)
    private String version = "non-versioned";

    @Column(name = "block_type_id", nullable = false)
    private UUID blockTypeId;

    public BlockSchemaEntity() {
    }

    @Override
    public String getChecksum() {
        return checksum;
    }

    public void setChecksum(String checksum) {
        this.checksum = checksum;
    }

    public Map<String, Object> getFields() {
        return fields;
    }

    public void setFields(Map<String, Object> fields) {
        this.fields = fields;
    }

    public List<String> getCapabilities() {
        return capabilities;
    }

    public void setCapabilities(List<String> capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    @Override
    public UUID getBlockTypeId() {
        return blockTypeId;
    }

    public void setBlockTypeId(UUID blockTypeId) {
        this.blockTypeId = blockTypeId;
    }
}
