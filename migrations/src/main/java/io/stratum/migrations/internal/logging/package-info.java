/**
 * Flyway's log records routed to {@code System.Logger} (its progress at DEBUG, warnings and errors at their
 * level). Internal: exported only to Flyway, which creates its log by class name; nothing here is API.
 */
package io.stratum.migrations.internal.logging;
