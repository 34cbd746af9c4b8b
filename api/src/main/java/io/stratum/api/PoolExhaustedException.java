package io.stratum.api;

/**
 * Every pooled connection was in use and none became free within {@code pool_timeout}. Retryable, but
 * if it recurs the pool is too small for the load, or sessions hold their connections too long (or
 * are never closed: {@code leak_timeout} reports them). The message names the pool's size, the
 * timeout and the settings that raise them.
 */
@Api(Api.Status.STABLE)
public class PoolExhaustedException extends DatabaseUnavailableException {
    private static final long serialVersionUID = 1L;
    private final int maxConnections;

    public PoolExhaustedException(String message, int maxConnections, Throwable cause) {
        super(message, cause);
        this.maxConnections = maxConnections;
    }

    /** How many connections the pool holds at most ({@code pool_size + max_overflow}, or a dialect's cap). */
    public int maxConnections() {
        return maxConnections;
    }
}
