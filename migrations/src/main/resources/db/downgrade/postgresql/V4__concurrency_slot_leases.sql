-- Down of V4: removes the lease table; slots held by leases stay counted in concurrency_limit_v2.active_slots.

DROP TABLE concurrency_slot_lease;
