package dev.platform.api.post;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a post is a draft (seen by its creator only), published (seen by every user), or scheduled: a draft,
 * still seen by its creator only, that publishes itself at a set instant.
 */
public enum PostStatus {
    DRAFT,
    PUBLISHED,
    SCHEDULED;

    /** The lower-case name used in the API and in the read models. */
    @JsonValue
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this exact API name, if any ({@code "draft"}, {@code "published"}, {@code "scheduled"}). */
    public static Optional<PostStatus> fromApiName(String name) {
        for (PostStatus status : values()) {
            if (status.apiName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
