package dev.platform.api.post;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platform.api.common.Ids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a post; its {@code toString()} is the raw UUID Axon routes by. */
public record PostId(@JsonValue UUID value) {

    public PostId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the canonical text form; throws {@link IllegalArgumentException} for anything else. */
    @JsonCreator
    public static PostId of(String raw) {
        return new PostId(Ids.parse(raw));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
