/**
 * EclipseLink's log records routed to {@code System.Logger} (routine records at DEBUG, SQL only with
 * {@code echo}). Internal: exported only to EclipseLink, which creates its session log by class name;
 * applications configure logging through their {@code System.Logger} backend, not through this package.
 */
package io.stratum.api.internal.logging;
