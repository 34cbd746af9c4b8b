package io.stratum.api;

import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;

/**
 * The pooled connections and the JPA factory of one {@link DatabaseInterface}; created once and
 * shared. Both are closed by {@link DatabaseInterface#close()}, not by their users.
 */
@Api(Api.Status.STABLE)
public record Engine(DataSource dataSource, EntityManagerFactory entityManagerFactory) {
}
