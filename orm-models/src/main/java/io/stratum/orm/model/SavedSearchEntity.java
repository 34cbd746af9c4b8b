package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.SavedSearch;
import io.stratum.orm.internal.JsonListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code saved_search}. Upsert key: {@code name}.
 */
@Api(Api.Status.STABLE)
@Entity(name = "SavedSearch")
@Table(name = "saved_search")
public class SavedSearchEntity extends BaseEntity implements SavedSearch {
    @Column(name = "name", nullable = false)
    private String name;

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "filters", nullable = false)
    private List<Map<String, Object>> filters = new ArrayList<>();

    public SavedSearchEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<Map<String, Object>> getFilters() {
        return filters;
    }

    public void setFilters(List<Map<String, Object>> filters) {
        this.filters = filters;
    }
}
