package dev.platform.api.comment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * On whose authority a comment was removed: its author, the creator of the post it is on (moderation), an admin
 * (moderation), or the erasure of its author's personal data (the system, on the request of the person or an
 * admin).
 */
public enum CommentRemovalRole {
    AUTHOR("author"),
    POST_CREATOR("post_creator"),
    ADMIN("admin"),
    ERASURE("erasure");

    private final String stored;

    CommentRemovalRole(String stored) {
        this.stored = stored;
    }

    /** The value in stored events and in the audit feed. */
    @JsonValue
    public String stored() {
        return stored;
    }

    @JsonCreator
    public static CommentRemovalRole of(String stored) {
        for (CommentRemovalRole role : values()) {
            if (role.stored.equals(stored)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown comment removal role: " + stored);
    }
}
