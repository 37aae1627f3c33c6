package dev.platform.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.api.common.Ids;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.JsonString;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/**
 * The optional body of {@code POST /admin/notifications/replay}: the post whose failed deliveries are sent again;
 * without it (no body, {@code null}, {@code {}} or a {@code null} post id) every post's.
 *
 * @param postId the post's id
 */
public record ReplayNotificationsRequest(
        @Schema(format = "uuid", description = "one post; absent: every post")
        @JsonString(message = ReplayNotificationsRequest.NOT_A_UUID)
        @Pattern(regexp = Ids.CANONICAL_FORM, message = ReplayNotificationsRequest.NOT_A_UUID)
        String postId,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    static final String NOT_A_UUID = "must be a UUID";

    /** The post, once the record is valid; {@code null} for every post. */
    UUID post() {
        return postId == null ? null : Ids.parse(postId);
    }
}
