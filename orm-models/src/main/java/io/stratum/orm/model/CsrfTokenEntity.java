package io.stratum.orm.model;

import io.stratum.api.Api;
import io.stratum.api.model.CsrfToken;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Table {@code csrf_token}. Upsert key: {@code client}.
 */
@Api(Api.Status.STABLE)
@Entity(name = "CsrfToken")
@Table(name = "csrf_token")
public class CsrfTokenEntity extends BaseEntity implements CsrfToken {
    @Column(name = "token", nullable = false)
    private String token;

    @Column(name = "client", nullable = false)
    private String client;

    @Column(name = "expiration", nullable = false)
    private Instant expiration;

    public CsrfTokenEntity() {
    }

    @Override
    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    @Override
    public String getClient() {
        return client;
    }

    public void setClient(String client) {
        this.client = client;
    }

    @Override
    public Instant getExpiration() {
        return expiration;
    }

    public void setExpiration(Instant expiration) {
        this.expiration = Timestamps.micros(expiration);
    }
}
