-- V4: concurrency_slot_lease, a Stratum extension table (not in the reference). A row is the slots one
-- lease holds on one concurrency_limit_v2 row until it is released, or until it expires unrenewed and
-- its slots are given back, so slots of a crashed holder are never lost (reference weakness: leaked slots).
-- Defaults as on every other table: a v4 UUID as text, timestamps in the reference's text form.

CREATE TABLE concurrency_slot_lease (
    id                   CHAR(36) NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))),
    created              DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    updated              DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')),
    lease_id             CHAR(36) NOT NULL,
    concurrency_limit_id CHAR(36) NOT NULL,
    slots                INTEGER  NOT NULL,
    expires              DATETIME NOT NULL,
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
