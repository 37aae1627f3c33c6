package dev.platform.api.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platform.api.common.Ids;
import dev.platform.api.user.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies the one subscription of a subscriber to a creator; derived from the pair, so it is the same forever;
 * its {@code toString()} is the raw UUID Axon routes by.
 */
public record SubscriptionId(@JsonValue UUID value) {

    // Changing this prefix would give every existing pair a second id: it is part of the stored data.
    private static final String NAME_PREFIX = "dev.platform.subscription:";

    public SubscriptionId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the canonical text form; throws {@link IllegalArgumentException} for anything else. */
    @JsonCreator
    public static SubscriptionId of(String raw) {
        return new SubscriptionId(Ids.parse(raw));
    }

    /** The deterministic id of this (subscriber, creator) pair: a name-based UUID over both ids, in that order. */
    public static SubscriptionId forPair(UserId subscriberId, UserId creatorId) {
        Objects.requireNonNull(subscriberId, "subscriberId");
        Objects.requireNonNull(creatorId, "creatorId");
        String name = NAME_PREFIX + subscriberId + ":" + creatorId;
        return new SubscriptionId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
