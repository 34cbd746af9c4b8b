/**
 * The database interface an orchestration engine programs against: {@link io.stratum.api.Stratum#open}
 * (the entry point), {@link io.stratum.api.DatabaseInterface}, its settings ({@link
 * io.stratum.api.DatabaseSettings}, {@link io.stratum.api.SettingKey}), migrations, the schema drift
 * report, the {@link io.stratum.api.Dialect} value and the exceptions every operation throws.
 *
 * <p>Not here: the implementation (pool, EntityManagerFactory, registry; {@code io.stratum.api.internal},
 * not exported), the entity classes ({@code io.stratum.orm.model}), anything of one database (the
 * dialect modules).
 */
package io.stratum.api;
