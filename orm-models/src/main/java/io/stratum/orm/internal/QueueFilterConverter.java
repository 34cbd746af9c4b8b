package io.stratum.orm.internal;

import io.stratum.orm.types.QueueFilter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class QueueFilterConverter extends TypedJsonConverter<QueueFilter>
        implements AttributeConverter<QueueFilter, String> {
    public QueueFilterConverter() {
        super(QueueFilter.class, "work_queue.filter");
    }
}
