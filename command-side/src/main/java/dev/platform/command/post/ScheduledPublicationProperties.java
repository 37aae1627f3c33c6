package dev.platform.command.post;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scheduler of scheduled publications ({@code platform.scheduled-publishing.*}).
 *
 * @param pollInterval how often every command-side node looks for due publications: a publication goes out at
 *     most about this long after its instant while a node runs
 * @param lease how long a node holds a due publication it fires; if the node dies meanwhile, another one fires it
 *     once the lease has run out (at most this much later)
 * @param batch the most due publications one node leases per round
 */
@ConfigurationProperties("platform.scheduled-publishing")
record ScheduledPublicationProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("50") int batch) {}
