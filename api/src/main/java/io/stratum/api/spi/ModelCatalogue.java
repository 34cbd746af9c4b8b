package io.stratum.api.spi;

import io.stratum.api.model.OrmModel;
import java.util.List;
import java.util.Map;

/** The JPA entities of the model, provided by {@code stratum-orm-models}. */
public interface ModelCatalogue {

    /** Each model contract mapped to the entity class implementing it. */
    Map<Class<? extends OrmModel>, Class<? extends OrmModel>> entities();

    /** Every class the persistence unit manages: entities, embeddables and converters. */
    List<Class<?>> managedClasses();

    /**
     * Entity classes in the order rows must be inserted (parents first; deletes run in reverse).
     * Foreign keys are plain UUID columns, so the persistence provider cannot derive this itself.
     */
    List<Class<?>> commitOrder();
}
