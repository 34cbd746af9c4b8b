package io.stratum.orm.internal;

import io.stratum.orm.types.Schedule;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class ScheduleConverter extends TypedJsonConverter<Schedule>
        implements AttributeConverter<Schedule, String> {
    public ScheduleConverter() {
        super(Schedule.class, "deployment_schedule.schedule");
    }
}
