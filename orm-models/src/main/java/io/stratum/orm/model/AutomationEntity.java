package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.Automation;
import io.stratum.orm.internal.ActionsConverter;
import io.stratum.orm.internal.ActionsOnResolveConverter;
import io.stratum.orm.internal.ActionsOnTriggerConverter;
import io.stratum.orm.internal.JsonListConverter;
import io.stratum.orm.internal.TriggerConverter;
import io.stratum.orm.types.Actions;
import io.stratum.orm.types.Trigger;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.persistence.annotations.Mutable;

/**
 * Table {@code automation}. {@code trigger} and the action lists are validated JSON (see {@link Trigger},
 * {@link Actions}).
 */
@Api(Api.Status.STABLE)
@Entity(name = "Automation")
@Table(name = "automation")
public class AutomationEntity extends BaseEntity implements Automation {
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "description", nullable = false)
    private String description = "";

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    @Mutable
    @Convert(converter = JsonListConverter.class)
    @Column(name = "tags", nullable = false)
    private List<String> tags = new ArrayList<>();

    @Mutable
    @Convert(converter = TriggerConverter.class)
    @Column(name = "\"trigger\"", nullable = false)
    private Trigger trigger;

    @Mutable
    @Convert(converter = ActionsConverter.class)
    @Column(name = "actions", nullable = false)
    private Actions actions;

    @Mutable
    @Convert(converter = ActionsOnTriggerConverter.class)
    @Column(name = "actions_on_trigger", nullable = false)
    private Actions actionsOnTrigger = Actions.empty();

    @Mutable
    @Convert(converter = ActionsOnResolveConverter.class)
    @Column(name = "actions_on_resolve", nullable = false)
    private Actions actionsOnResolve = Actions.empty();

    public AutomationEntity() {
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public Trigger getTrigger() {
        return trigger;
    }

    public void setTrigger(Trigger trigger) {
        this.trigger = trigger;
    }

    public Actions getActions() {
        return actions;
    }

    public void setActions(Actions actions) {
        this.actions = actions;
    }

    public Actions getActionsOnTrigger() {
        return actionsOnTrigger;
    }

    public void setActionsOnTrigger(Actions actionsOnTrigger) {
        this.actionsOnTrigger = actionsOnTrigger;
    }

    public Actions getActionsOnResolve() {
        return actionsOnResolve;
    }

    public void setActionsOnResolve(Actions actionsOnResolve) {
        this.actionsOnResolve = actionsOnResolve;
    }
}
