package dev.platform.infra.idempotency;

import java.util.UUID;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The id of the one resource a creating request makes. */
public final class IdempotentIds {

    static final String ATTRIBUTE = IdempotentIds.class.getName() + ".resourceId";

    private IdempotentIds() {}

    /**
     * With an {@code Idempotency-Key}, the id derived from it ({@link IdempotentRoute#resourceId}), so a re-run of
     * the same create meets the first one's events instead of making a second resource; without one, a random id.
     * Called once per request (a second call gives the same derived id).
     */
    public static UUID newResourceId() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object derived =
                attributes == null ? null : attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return derived instanceof UUID id ? id : UUID.randomUUID();
    }
}
