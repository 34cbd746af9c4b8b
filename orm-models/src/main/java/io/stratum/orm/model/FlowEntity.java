package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.Flow;
import io.stratum.orm.internal.JsonListConverter;
import io.stratum.orm.internal.JsonObjectConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.persistence.annotations.Mutable;

/** Table {@code flow}. Upsert key: {@code name}. */
@Api(Api.Status.STABLE)
@Entity(name = "Flow")
@Table(name = "flow")
public class FlowEntity extends BaseEntity implements Flow {
    @Column(name = "name", nullable = false)
    private String name;

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "tags", nullable = false)
    private List<String> tags = new ArrayList<>();

    @Mutable
    @Convert(converter = JsonObjectConverter.class)
    @Column(name = "labels")
    private Map<String, Object> labels;

    public FlowEntity() {
    }

    public FlowEntity(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public Map<String, Object> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, Object> labels) {
        this.labels = labels;
    }
}
