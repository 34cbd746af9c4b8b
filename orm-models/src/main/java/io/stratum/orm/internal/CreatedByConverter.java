package io.stratum.orm.internal;

import io.stratum.orm.types.CreatedBy;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
// Implements AttributeConverter directly: EclipseLink reads the column type from the class's own
// generic interfaces, not from its superclass.
public class CreatedByConverter extends TypedJsonConverter<CreatedBy> implements AttributeConverter<CreatedBy, String> {
    public CreatedByConverter() {
        super(CreatedBy.class, "created_by/updated_by");
    }
}
