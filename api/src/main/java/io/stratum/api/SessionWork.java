package io.stratum.api;

import jakarta.persistence.EntityManager;

/** A unit of work run inside {@link DatabaseInterface#sessionContext}. */
@Api(Api.Status.STABLE)
@FunctionalInterface
public interface SessionWork<T> {
    T run(EntityManager session) throws Exception;
}
