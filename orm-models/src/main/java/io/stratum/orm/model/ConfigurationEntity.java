package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.Configuration;
import io.stratum.orm.internal.JsonObjectConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.Map;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code configuration}: server-wide key/value settings (e.g. {@code ENCRYPTION_KEY}). Unique key: {@code key}.
 */
@Api(Api.Status.STABLE)
@Entity(name = "Configuration")
@Table(name = "configuration")
public class ConfigurationEntity extends BaseEntity implements Configuration {
    @Column(name = "\"key\"", nullable = false)
    private String key;

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "value", nullable = false)
    private Map<String, Object> value;

    public ConfigurationEntity() {
    }

    @Override
    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public Map<String, Object> getValue() {
        return value;
    }

    public void setValue(Map<String, Object> value) {
        this.value = value;
    }
}
