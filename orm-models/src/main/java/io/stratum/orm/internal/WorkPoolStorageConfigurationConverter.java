package io.stratum.orm.internal;

import io.stratum.orm.types.WorkPoolStorageConfiguration;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class WorkPoolStorageConfigurationConverter extends TypedJsonConverter<WorkPoolStorageConfiguration>
        implements AttributeConverter<WorkPoolStorageConfiguration, String> {
    public WorkPoolStorageConfigurationConverter() {
        super(WorkPoolStorageConfiguration.class, "work_pool.storage_configuration");
    }
}
