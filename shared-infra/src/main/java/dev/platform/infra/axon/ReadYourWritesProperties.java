package dev.platform.infra.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a write waits for the projection that serves the matching read ({@code platform.read-your-writes.*}).
 *
 * @param timeout the longest a write waits; after it the answer carries {@code X-Read-Model: stale}
 * @param maxWaiters writes waiting at once; the next one answers at once, stale, instead of holding a thread
 */
@ConfigurationProperties("platform.read-your-writes")
public record ReadYourWritesProperties(
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("100") int maxWaiters) {}
