package dev.platform.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the blue-green rebuild ({@code platform.rebuilds.*}; {@code platform.rebuild} itself is the command
 * line's list of names). {@code keep-previous}: keep the tables a switch takes out of service in {@code
 * previous_<group>} until the next switch (false: drop them at once). {@code lock-timeout}: how long the switch waits
 * for its lock before it lets go and tries again ({@code switch-attempts} times, letting the rebuild catch up in
 * between, at most {@code catch-up-timeout} each). {@code batch-pause}: a pause before each transaction of a
 * rebuild's processor (0; a test sets it to watch a rebuild in progress).
 */
@ConfigurationProperties("platform.rebuilds")
record RebuildProperties(
        @DefaultValue("true") boolean keepPrevious,
        @DefaultValue("5s") Duration lockTimeout,
        @DefaultValue("10") int switchAttempts,
        @DefaultValue("60s") Duration catchUpTimeout,
        @DefaultValue("0s") Duration batchPause) {}
