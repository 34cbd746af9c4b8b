package io.stratum.orm.types;

import io.stratum.api.Api;
import io.stratum.api.StratumException;

/** A JSON column's value failed validation on write or on read. The message names the column. */
@Api(Api.Status.STABLE)
public class JsonColumnException extends StratumException {
    private static final long serialVersionUID = 1L;
    private final String column;

    public JsonColumnException(String column, String problem, Throwable cause) {
        super("JSON column " + column + " " + problem, cause);
        this.column = column;
    }

    /** {@code table.column}, or the column name where the type is shared by several tables. */
    public String column() {
        return column;
    }
}
