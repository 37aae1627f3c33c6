package dev.platform.infra.cluster;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * This application instance as other nodes see it: its name in {@code token_entry.owner} and in
 * {@code node_heartbeat}. Axon's default ({@code pid@host}) is the same for two applications in one JVM, which
 * would then take each other's segment claims for their own, so a random suffix makes it unique per instance.
 *
 * @param id {@code pid@host/suffix}
 */
public record ClusterNode(String id) {

    public static ClusterNode create() {
        return new ClusterNode(ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }
}
