package dev.platform.api.post;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The right a post was deleted by: its creator deleting their own post, or an admin taking it down. */
public enum PostDeletedAs {
    CREATOR,
    ADMIN;

    /** The lower-case name stored in the event ({@code "creator"}, {@code "admin"}). */
    @JsonValue
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
