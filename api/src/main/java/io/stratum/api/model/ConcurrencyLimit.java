package io.stratum.api.model;

/** A row of table {@code concurrency_limit}. */
public non-sealed interface ConcurrencyLimit extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "concurrency_limit";

    String getTag();

    int getConcurrencyLimit();
}
