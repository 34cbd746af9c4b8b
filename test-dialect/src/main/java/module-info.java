/**
 * A dialect module as a third party would write one, for the tests only: PostgreSQL served under its
 * own URL prefix ({@code jdbc:stratum-test-pg:}) and its own dialect id, built on the PostgreSQL
 * dialect's parts. It sees only the api, like any outside dialect module.
 */
module io.stratum.testdialect {
    requires io.stratum.api;

    // The PostgreSQL provider it builds on is found like any other dialect.
    uses io.stratum.api.spi.DialectProvider;

    provides io.stratum.api.spi.DialectProvider with io.stratum.testdialect.internal.TestPostgresDialect;
}
