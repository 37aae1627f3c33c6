-- Which node runs which streaming processor, and when it last said so (dev.platform.infra.cluster): each node
-- writes its rows every platform.balancing.interval, and a processor's segments are shared fairly among the nodes
-- whose row is younger than platform.balancing.node-timeout. Database time only, so node clocks may differ.
CREATE TABLE node_heartbeat (
    node_id        VARCHAR(255) NOT NULL,
    processor_name VARCHAR(255) NOT NULL,
    last_seen      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (node_id, processor_name)
);
