package io.stratum.api.model;

import io.stratum.api.Api;
import java.time.Instant;

/** A row of table {@code csrf_token}. */
@Api(Api.Status.STABLE)
public non-sealed interface CsrfToken extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "csrf_token";

    String getToken();

    String getClient();

    Instant getExpiration();
}
