/**
 * The JPA entities of every table of the reference data model, and the typed JSON column values.
 * Provides the {@link io.stratum.api.spi.ModelCatalogue} the database interface bootstraps from.
 */
module io.stratum.orm {
    requires transitive io.stratum.api;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires eclipselink;

    exports io.stratum.orm.model;
    exports io.stratum.orm.types;

    // EclipseLink instantiates entities and converters reflectively; Jackson binds the typed JSON values.
    opens io.stratum.orm.model to eclipselink;
    opens io.stratum.orm.internal to eclipselink;
    opens io.stratum.orm.types to com.fasterxml.jackson.databind;

    provides io.stratum.api.spi.ModelCatalogue with io.stratum.orm.internal.Catalogue;
}
