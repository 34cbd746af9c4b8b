package io.stratum.orm.internal.query;

import io.stratum.api.ConfigurationException;
import io.stratum.api.Dialect;
import io.stratum.api.spi.DialectSpecific;
import java.util.ServiceLoader;

/** Finds the implementation of a dialect-specific service for one dialect. */
final class DialectServices {
    private DialectServices() {
    }

    static <S extends DialectSpecific> S find(Class<S> service, Dialect dialect) {
        ServiceLoader<S> loader = ServiceLoader.load(service, DialectServices.class.getClassLoader());
        for (S candidate : loader) {
            if (candidate.dialect() == dialect) {
                return candidate;
            }
        }
        throw new ConfigurationException("No " + service.getSimpleName() + " for dialect " + dialect.id()
                + " on the module path: the " + dialect.artifactId() + " artifact is missing or older than "
                + "stratum-orm-models.");
    }
}
