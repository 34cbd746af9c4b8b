/**
 * The contracts of the reference's tables, one interface per ORM model ({@link
 * io.stratum.api.model.FlowRun}, {@link io.stratum.api.model.WorkPool}, …) and their enum column types.
 *
 * <p>Not here: the JPA entities that implement them ({@code io.stratum.orm.model}) and the typed JSON
 * column values ({@code io.stratum.orm.types}).
 */
package io.stratum.api.model;
