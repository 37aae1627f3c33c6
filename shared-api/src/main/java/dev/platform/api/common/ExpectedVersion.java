package dev.platform.api.common;

import java.util.Optional;
import java.util.Set;

/**
 * The aggregate versions a conditional command may change (a client's {@code If-Match}): the aggregate compares
 * its own version with them inside the command handler, before it changes anything, so two writers holding the
 * same version cannot both succeed. A version is the sequence number of the aggregate's last event.
 *
 * @param anyOf the versions the caller accepts; empty when none of the caller's tags can name a version, so the
 *     command is refused whatever the aggregate's version
 */
public record ExpectedVersion(Set<Long> anyOf) {

    public ExpectedVersion {
        anyOf = Set.copyOf(anyOf);
    }

    public static ExpectedVersion of(long version) {
        return new ExpectedVersion(Set.of(version));
    }

    /** Refuses with {@link StaleVersion} unless {@code current} is one of the expected versions. */
    public void check(long current) {
        if (!anyOf.contains(current)) {
            throw new StaleVersion();
        }
    }

    /** The check of an optional expectation: none (no {@code If-Match}, or {@code *}) accepts any version. */
    public static void check(Optional<ExpectedVersion> expected, long current) {
        expected.ifPresent(versions -> versions.check(current));
    }
}
