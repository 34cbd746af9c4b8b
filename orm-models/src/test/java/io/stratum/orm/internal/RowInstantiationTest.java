package io.stratum.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.types.FlowRunPolicy;
import java.time.Duration;
import org.eclipse.persistence.descriptors.RelationalDescriptor;
import org.junit.jupiter.api.Test;

class RowInstantiationTest {
    @Test
    void instancesForRowsMakeNoDefaults() {
        RelationalDescriptor descriptor = new RelationalDescriptor();
        descriptor.setJavaClass(FlowRunEntity.class);
        new RowInstantiation().customize(descriptor);

        Object built = descriptor.getInstantiationPolicy().buildNewInstance();

        assertThat(built).isInstanceOf(FlowRunEntity.class);
        FlowRunEntity run = (FlowRunEntity) built;
        assertThat(run.getId()).isNull();
        assertThat(run.getCreated()).isNull();
        assertThat(run.getName()).isNull();
        assertThat(run.getParameters()).isNull();
        assertThat(run.getTotalRunTime()).isNull();
    }

    @Test
    void runsMadeByUsersKeepTheirDefaults() {
        FlowRunEntity run = new FlowRunEntity(java.util.UUID.randomUUID());

        assertThat(run.getId()).isNotNull();
        assertThat(run.getCreated()).isNotNull();
        assertThat(run.getUpdated()).isEqualTo(run.getCreated());
        assertThat(run.getName()).matches("[a-z]+-[a-z]+");
        assertThat(run.getTotalRunTime()).isEqualTo(Duration.ZERO);
        assertThat(run.getParameters()).isEmpty();
        assertThat(run.getContext()).isEmpty();
        assertThat(run.getTags()).isEmpty();
        assertThat(run.getJobVariables()).isEmpty();
        assertThat(run.getEmpiricalPolicy()).isEqualTo(FlowRunPolicy.empty());
        assertThat(new FlowRunEntity().getId()).isNotEqualTo(run.getId());
    }
}
