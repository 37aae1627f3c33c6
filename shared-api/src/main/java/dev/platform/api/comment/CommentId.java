package dev.platform.api.comment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.platform.api.common.Ids;
import java.util.Objects;
import java.util.UUID;

/** Identifies a comment; its {@code toString()} is the raw UUID Axon routes by. */
public record CommentId(@JsonValue UUID value) {

    public CommentId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the canonical text form; throws {@link IllegalArgumentException} for anything else. */
    @JsonCreator
    public static CommentId of(String raw) {
        return new CommentId(Ids.parse(raw));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
