/**
 * The JPA entities of every reference table, implementing the contracts of {@code
 * io.stratum.api.model}, and {@link io.stratum.orm.model.RunExpressions} (the run helpers as Criteria
 * expressions).
 *
 * <p>Not here: the typed JSON column values ({@code io.stratum.orm.types}), converters and the model
 * catalogue ({@code io.stratum.orm.internal}), hand-written query SQL (the query components and the
 * dialect modules).
 */
package io.stratum.orm.model;
