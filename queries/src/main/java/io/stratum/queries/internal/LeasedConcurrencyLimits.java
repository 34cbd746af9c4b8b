package io.stratum.queries.internal;

import io.stratum.api.StratumException;
import io.stratum.api.query.ConcurrencyLimits;
import io.stratum.api.query.SlotLease;
import io.stratum.api.spi.InputBounds;
import io.stratum.orm.types.Timestamps;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Concurrency limits v2 with leases (see {@link ConcurrencyLimits}). The limits' rows are locked and
 * the slot arithmetic done in Java, so both databases share it; leases live in the extension table
 * {@code concurrency_slot_lease}.
 *
 * <p>Lock order, so that no two operations wait on each other in a cycle: limit rows are always locked
 * in id order; an acquisition locks limits and then only inserts new lease rows; a release or expiry
 * first deletes its lease rows (whoever deletes a row gives its slots back, exactly once) and only then
 * locks limits. Nobody holding a limit lock waits for a lease row.
 */
final class LeasedConcurrencyLimits implements ConcurrencyLimits {
    private static final String LIMIT_COLUMNS = "id, name, active, \"limit\", active_slots, denied_slots, "
            + "slot_decay_per_second, avg_slot_occupancy_seconds, updated";

    private final DialectSql dialect;

    LeasedConcurrencyLimits(DialectSql dialect) {
        this.dialect = dialect;
    }

    @Override
    public Optional<SlotLease> acquire(EntityManager session, Collection<String> limitNames, int slots, Duration ttl) {
        if (limitNames == null || limitNames.isEmpty()) {
            throw new IllegalArgumentException("Name at least one concurrency limit to acquire slots on.");
        }
        if (slots < 1) {
            throw new IllegalArgumentException("Acquire at least 1 slot, not " + slots + ".");
        }
        InputBounds.requireAtMost("Concurrency slots to acquire", slots, MAX_SLOTS, "acquire fewer slots");
        InputBounds.requireSizeAtMost("Concurrency limit names", limitNames, MAX_LIMIT_NAMES,
                "acquire on fewer limits at a time");
        requirePositive(ttl);
        Set<String> names = new LinkedHashSet<>(limitNames);
        TransactionSql sql = TransactionSql.of(session, dialect, "acquiring " + slots + " slot(s) on " + names);
        List<LimitSlots> limits = sql.query("SELECT " + LIMIT_COLUMNS + " FROM concurrency_limit_v2 WHERE name IN ("
                + TransactionSql.placeholders(names.size()) + ") ORDER BY id" + dialect.locks().forUpdate(),
                this::readLimit, names.toArray());
        Set<String> missing = new TreeSet<>(names);
        limits.forEach(limit -> missing.remove(limit.name()));
        if (!missing.isEmpty()) {
            throw new StratumException("No concurrency limit named " + missing + ": nothing was acquired. Create "
                    + "the limit(s) first.");
        }
        Instant now = Timestamps.now();
        List<LimitSlots> counting = limits.stream().filter(LimitSlots::active).toList();
        boolean fits = counting.stream().allMatch(limit -> limit.fits(slots, now));
        if (!fits) {
            for (LimitSlots limit : counting) {
                writeSlots(sql, limit, limit.activeAfterDecay(now), limit.deniedAfterDecay(now) + slots,
                        limit.avgSlotOccupancySeconds(), now);
            }
            return Optional.empty();
        }
        UUID leaseId = UUID.randomUUID();
        Instant expires = now.plus(ttl);
        Map<String, Integer> activeSlots = new LinkedHashMap<>();
        for (LimitSlots limit : counting) {
            int active = limit.activeAfterDecay(now) + slots;
            writeSlots(sql, limit, active, limit.deniedAfterDecay(now), limit.avgSlotOccupancySeconds(), now);
            sql.update("INSERT INTO concurrency_slot_lease (id, created, updated, lease_id, concurrency_limit_id, "
                    + "slots, expires) VALUES (?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), now, now, leaseId, limit.id(),
                    slots, expires);
            activeSlots.put(limit.name(), active);
        }
        return Optional.of(new SlotLease(leaseId, expires, slots, Map.copyOf(activeSlots)));
    }

    @Override
    public boolean release(EntityManager session, UUID leaseId) {
        if (leaseId == null) {
            throw new IllegalArgumentException("The lease id is null.");
        }
        TransactionSql sql = TransactionSql.of(session, dialect, "releasing lease " + leaseId);
        List<HeldSlots> held = sql.query("DELETE FROM concurrency_slot_lease WHERE lease_id = ? "
                + "RETURNING concurrency_limit_id, slots, created", this::readHeld, leaseId);
        giveBack(sql, held, Timestamps.now(), true);
        return !held.isEmpty();
    }

    @Override
    public boolean renew(EntityManager session, UUID leaseId, Duration ttl) {
        if (leaseId == null) {
            throw new IllegalArgumentException("The lease id is null.");
        }
        requirePositive(ttl);
        TransactionSql sql = TransactionSql.of(session, dialect, "renewing lease " + leaseId);
        Instant now = Timestamps.now();
        return sql.update("UPDATE concurrency_slot_lease SET expires = ?, updated = ? WHERE lease_id = ? AND expires > ?",
                now.plus(ttl), now, leaseId, now) > 0;
    }

    @Override
    public int expireLeases(EntityManager session, Instant now) {
        if (now == null) {
            throw new IllegalArgumentException("Give the time leases are expired at (for example Instant.now()).");
        }
        TransactionSql sql = TransactionSql.of(session, dialect, "expiring concurrency slot leases");
        List<HeldSlots> held = sql.query("DELETE FROM concurrency_slot_lease WHERE expires <= ? "
                + "RETURNING concurrency_limit_id, slots, created", this::readHeld, Timestamps.micros(now));
        // An expired holder's occupancy is unknown (it may have crashed at once), so the average is left alone.
        giveBack(sql, held, Timestamps.now(), false);
        return held.stream().mapToInt(HeldSlots::slots).sum();
    }

    /** Takes the deleted lease rows' slots off their limits, never below 0. */
    private void giveBack(TransactionSql sql, List<HeldSlots> held, Instant now, boolean recordOccupancy) {
        if (held.isEmpty()) {
            return;
        }
        Map<UUID, List<HeldSlots>> byLimit = new TreeMap<>(Comparator.comparing(UUID::toString));
        for (HeldSlots slots : held) {
            byLimit.computeIfAbsent(slots.limitId(), id -> new ArrayList<>()).add(slots);
        }
        List<LimitSlots> limits = sql.query("SELECT " + LIMIT_COLUMNS + " FROM concurrency_limit_v2 WHERE id IN ("
                + TransactionSql.placeholders(byLimit.size()) + ") ORDER BY id" + dialect.locks().forUpdate(),
                this::readLimit, byLimit.keySet().toArray());
        for (LimitSlots limit : limits) {
            int active = limit.activeAfterDecay(now);
            double average = limit.avgSlotOccupancySeconds();
            for (HeldSlots slots : byLimit.get(limit.id())) {
                active = Math.max(0, active - slots.slots());
                if (recordOccupancy) {
                    double seconds = Math.max(0.0, Duration.between(slots.since(), now).toNanos() / 1e9);
                    average = limit.withAverage(average).averageAfterRelease(slots.slots(), seconds);
                }
            }
            writeSlots(sql, limit, active, limit.deniedAfterDecay(now), average, now);
        }
    }

    private static void writeSlots(TransactionSql sql, LimitSlots limit, int active, int denied, double average,
                                   Instant now) {
        sql.update("UPDATE concurrency_limit_v2 SET active_slots = ?, denied_slots = ?, avg_slot_occupancy_seconds = ?, "
                + "updated = ? WHERE id = ?", active, denied, average, now, limit.id());
    }

    private LimitSlots readLimit(java.sql.ResultSet row) throws java.sql.SQLException {
        return new LimitSlots(dialect.values().readUuid(row, 1), row.getString(2), row.getBoolean(3), row.getInt(4),
                row.getInt(5), row.getInt(6), row.getDouble(7), row.getDouble(8), dialect.values().readTimestamp(row, 9));
    }

    private HeldSlots readHeld(java.sql.ResultSet row) throws java.sql.SQLException {
        return new HeldSlots(dialect.values().readUuid(row, 1), row.getInt(2), dialect.values().readTimestamp(row, 3));
    }

    private static void requirePositive(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("A lease needs a positive time to live, not " + ttl + ".");
        }
    }

    /** Slots one lease row held on one limit, since its creation. */
    private record HeldSlots(UUID limitId, int slots, Instant since) {
    }
}
