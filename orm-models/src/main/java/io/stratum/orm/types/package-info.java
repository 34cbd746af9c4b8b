/**
 * The typed values of the entities' JSON columns (policies, state details, schedules, triggers, …),
 * validated when set and bound with Jackson, and the timestamp precision helpers.
 *
 * <p>Not here: the entities ({@code io.stratum.orm.model}) and their JPA converters ({@code
 * io.stratum.orm.internal}).
 */
package io.stratum.orm.types;
