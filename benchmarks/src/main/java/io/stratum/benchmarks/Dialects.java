package io.stratum.benchmarks;

import io.stratum.api.Dialect;
import io.stratum.api.spi.DialectProvider;
import java.util.ServiceLoader;

/**
 * The benchmarks' names for the dialects Stratum ships. The api owns no list of dialects; these are the
 * values the dialect modules on the module path describe themselves with, so they are equal to what an
 * open interface reports ({@code db.dialect()}).
 */
final class Dialects {
    static final Dialect POSTGRESQL = provided("postgresql");
    static final Dialect SQLITE = provided("sqlite");

    private Dialects() {
    }

    /** The dialect with this id among the providers on the module path; fails naming the missing one. */
    static Dialect provided(String id) {
        for (DialectProvider provider : ServiceLoader.load(DialectProvider.class, Dialects.class.getClassLoader())) {
            if (provider.dialect().id().equals(id)) {
                return provider.dialect();
            }
        }
        throw new IllegalStateException("No dialect '" + id + "' on the module path: the benchmarks need both dialect modules");
    }
}
