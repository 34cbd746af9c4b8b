package io.stratum.api.spi;

import io.stratum.api.Api;
import io.stratum.api.Dialect;
import io.stratum.api.model.OrmModel;
import java.util.List;
import java.util.Map;

/** The JPA entities of the model, provided by {@code stratum-orm-models}. */
@Api(Api.Status.EXPERIMENTAL)
public interface ModelCatalogue {

    /** Each model contract mapped to the entity class implementing it. */
    Map<Class<? extends OrmModel>, Class<? extends OrmModel>> entities();

    /**
     * The mapped superclass every entity extends (the base columns {@code id}, {@code created},
     * {@code updated}): the counterpart of the reference's declarative {@code Base}.
     */
    Class<?> baseEntity();

    /** Every class the persistence unit manages: entities, embeddables and converters. */
    List<Class<?>> managedClasses();

    /**
     * Entity classes in the order rows must be inserted (parents first; deletes run in reverse).
     * Foreign keys are plain UUID columns, so the persistence provider cannot derive this itself.
     */
    List<Class<?>> commitOrder();

    /**
     * Every table, column, index, constraint, enum type and extension the reference lists for the
     * dialect, written down from the reference by hand (not derived from the migrations, which it
     * checks). Includes the {@link #migrationOnlyObjects migration-only} ones. The schema drift check
     * requires each of these to exist, except extensions (which may live in another schema).
     */
    List<SchemaObject> expectedSchema(Dialect dialect);

    /**
     * The objects the migrations create that no entity maps (tables, columns and everything on them,
     * such as {@code deployment_version}, {@code deployment.version_id}, the migration history table,
     * extensions): the drift check does not report them as unknown to the model. All of them are in
     * {@link #expectedSchema} too, except transient bookkeeping a migration keeps only while it runs
     * (SQLite's migration lock table), which may exist but need not.
     */
    List<SchemaObject> migrationOnlyObjects(Dialect dialect);
}
