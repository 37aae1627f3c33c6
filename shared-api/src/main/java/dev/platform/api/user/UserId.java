package dev.platform.api.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platform.api.common.Ids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a user (reader, creator or admin); its {@code toString()} is the raw UUID Axon routes by. */
public record UserId(@JsonValue UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the canonical text form; throws {@link IllegalArgumentException} for anything else. */
    @JsonCreator
    public static UserId of(String raw) {
        return new UserId(Ids.parse(raw));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
