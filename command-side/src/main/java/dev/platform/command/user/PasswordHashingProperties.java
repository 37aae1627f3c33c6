package dev.platform.command.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.password-hashing.*}: the bulkhead around password hashing.
 *
 * @param maxConcurrent hashes and checks running at once in this process (each holds 19 MiB); 0 or unset: the
 *     number of available processors, since a hash keeps one core busy and more at once only queue for the CPU
 * @param acquireTimeout longest wait of a request for a free slot, then 503 with {@code Retry-After}
 * @param maxWaiting requests waiting for a slot at once; more are refused at once, so a flood of logins cannot
 *     hold every request thread of the server
 */
@ConfigurationProperties("platform.password-hashing")
record PasswordHashingProperties(
        @DefaultValue("0") int maxConcurrent,
        @DefaultValue("5s") Duration acquireTimeout,
        @DefaultValue("100") int maxWaiting) {

    int slots() {
        return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
    }
}
