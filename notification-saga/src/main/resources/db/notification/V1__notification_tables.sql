-- What the notification side keeps of the rest of the platform, fed by its own ordered event processor
-- ("notification-audience", sequenced per creator so that subscription changes and publications of one creator
-- are applied in the order of the event stream).
CREATE TABLE notification_user (
    user_id UUID PRIMARY KEY,
    email   VARCHAR(254) NOT NULL
);

CREATE TABLE notification_subscriber (
    creator_id    UUID        NOT NULL,
    subscriber_id UUID        NOT NULL,
    active        BOOLEAN     NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (creator_id, subscriber_id)
);

CREATE TABLE notification_post (
    post_id      UUID        PRIMARY KEY,
    creator_id   UUID        NOT NULL,
    published    BOOLEAN     NOT NULL,
    title        TEXT,
    excerpt      TEXT,
    published_at TIMESTAMPTZ
);

-- The delivery ledger: one row per (post, subscriber), ever. The key makes redelivery, republication and
-- crashes send nothing twice. status: selected -> queued -> sending -> sent | failed, with retrying between
-- attempts and cancelled when the subscription ended before the send started.
CREATE TABLE notification_delivery (
    post_id       UUID         NOT NULL,
    subscriber_id UUID         NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    in_doubt      BOOLEAN      NOT NULL DEFAULT FALSE,
    selected_at   TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    last_error    VARCHAR(1000),
    PRIMARY KEY (post_id, subscriber_id)
);
CREATE INDEX notification_delivery_open ON notification_delivery (post_id, status);

-- db-scheduler's table: Axon's DbSchedulerDeadlineManager keeps the saga's deadlines here, so they survive
-- restarts.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
