package io.stratum.orm.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.api.Api;
import io.stratum.api.model.Variable;
import io.stratum.orm.internal.JsonListConverter;
import io.stratum.orm.internal.JsonValueConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code variable}. Unique key: {@code name}. {@code value} is JSON of any shape.
 */
@Api(Api.Status.STABLE)
@Entity(name = "Variable")
@Table(name = "variable")
public class VariableEntity extends BaseEntity implements Variable {
    @Column(name = "name", nullable = false)
    private String name;

    @Mutable
    @Convert(converter = JsonValueConverter.class)
    @Column(name = "value")
    private JsonNode value;

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "tags", nullable = false)
    private List<String> tags = new ArrayList<>();

    public VariableEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public JsonNode getValue() {
        return value;
    }

    public void setValue(JsonNode value) {
        this.value = value;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }
}
