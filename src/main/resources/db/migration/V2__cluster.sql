-- Several instances on one store.

-- which node works on a memorandum's pending work (render and sign, mails), until when: a node
-- that dies stops renewing its leases, and another node takes the work over once they expire
CREATE TABLE work_lease (
    reference  text PRIMARY KEY,
    node       text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX work_lease_node ON work_lease (node);

-- Camel's JDBC idempotent repository (JdbcOrphanLockAwareIdempotentRepository): an inbox or
-- decision file claimed by one node; the key makes a second claim fail, and a claim whose
-- createdAt is no longer kept alive (its node died) is taken over
CREATE TABLE camel_messageprocessed (
    processorname text NOT NULL,
    messageid     text NOT NULL,
    createdat     timestamp NOT NULL,
    PRIMARY KEY (processorname, messageid)
);
