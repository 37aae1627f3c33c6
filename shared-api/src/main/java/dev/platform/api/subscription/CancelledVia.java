package dev.platform.api.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a cancellation came from: the API's {@code POST /creators/{id}/unsubscribe} by the logged-in subscriber, or
 * the signed one-click link of a new-post e-mail ({@code /unsubscribe?token=...}, RFC 8058), or the erasure of
 * either party.
 */
public enum CancelledVia {
    API("api"),
    EMAIL_LINK("email_link"),
    /** Ended because the subscriber or the creator was erased (a system action, docs/audit.md). */
    ERASURE("erasure");

    private final String stored;

    CancelledVia(String stored) {
        this.stored = stored;
    }

    /** The value in stored events and in the audit feed. */
    @JsonValue
    public String stored() {
        return stored;
    }

    @JsonCreator
    public static CancelledVia of(String stored) {
        for (CancelledVia via : values()) {
            if (via.stored.equals(stored)) {
                return via;
            }
        }
        throw new IllegalArgumentException("unknown cancellation source: " + stored);
    }
}
