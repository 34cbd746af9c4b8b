package io.stratum.orm.internal;

import io.stratum.orm.types.ConcurrencyOptions;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class ConcurrencyOptionsConverter extends TypedJsonConverter<ConcurrencyOptions>
        implements AttributeConverter<ConcurrencyOptions, String> {
    public ConcurrencyOptionsConverter() {
        super(ConcurrencyOptions.class, "deployment.concurrency_options");
    }
}
