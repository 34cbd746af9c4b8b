-- V4: concurrency_slot_lease, a Stratum extension table (not in the reference). A row is the slots one
-- lease holds on one concurrency_limit_v2 row until it is released, or until it expires unrenewed and
-- its slots are given back, so slots of a crashed holder are never lost (reference weakness: leaked slots).

CREATE TABLE concurrency_slot_lease (
    id                   uuid                     NOT NULL DEFAULT gen_random_uuid(),
    created              timestamp with time zone NOT NULL DEFAULT now(),
    updated              timestamp with time zone NOT NULL DEFAULT now(),
    lease_id             uuid                     NOT NULL,
    concurrency_limit_id uuid                     NOT NULL,
    slots                integer                  NOT NULL,
    expires              timestamp with time zone NOT NULL,
    CONSTRAINT pk_concurrency_slot_lease PRIMARY KEY (id),
    CONSTRAINT ck_concurrency_slot_lease__slots_positive CHECK (slots > 0),
    -- Written as PostgreSQL truncates it (63 characters), so that both dialects carry the same name.
    CONSTRAINT fk_concurrency_slot_lease__concurrency_limit_id__concurrency_li FOREIGN KEY (concurrency_limit_id)
        REFERENCES concurrency_limit_v2 (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX uq_concurrency_slot_lease__lease_id_concurrency_limit_id
    ON concurrency_slot_lease (lease_id, concurrency_limit_id);
CREATE INDEX ix_concurrency_slot_lease__concurrency_limit_id ON concurrency_slot_lease (concurrency_limit_id);
CREATE INDEX ix_concurrency_slot_lease__expires ON concurrency_slot_lease (expires);
CREATE INDEX ix_concurrency_slot_lease__updated ON concurrency_slot_lease (updated);
