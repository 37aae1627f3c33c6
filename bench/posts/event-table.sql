-- pgbench's scratch table: domain_event_entry's definition (shared-infra db/axon/V1__axon_tables.sql).
CREATE TABLE bench_event (
    global_index         BIGSERIAL    PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    CONSTRAINT bench_event_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
);
