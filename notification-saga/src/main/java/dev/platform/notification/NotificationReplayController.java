package dev.platform.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.api.common.ErrorCode;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.ApiException;
import dev.platform.infra.web.FieldErrors;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/notifications/replay}: the failed deliveries of one post ({@code {"post_id": "..."}}) or of
 * every post (no body, or {@code {}}) are sent again; see {@link NotificationReplay}. 202: the e-mails go out
 * afterwards, followed in {@code GET /posts/{id}/notifications}.
 */
@RestController
class NotificationReplayController {

    private final NotificationReplay replay;
    private final JdbcTemplate jdbc;

    NotificationReplayController(NotificationReplay replay, JdbcTemplate jdbc) {
        this.replay = replay;
        this.jdbc = jdbc;
    }

    /** How many failed deliveries were put back to be sent. */
    record Replayed(int replayed) {}

    @PostMapping(path = "/api/v1/admin/notifications/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replayed replay(@RequestBody(required = false) JsonNode body, @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may replay notifications.");
        UUID postId = postId(body);
        if (postId != null
                && jdbc.queryForList("SELECT 1 FROM notification_post WHERE post_id = ?", postId)
                        .isEmpty()) {
            throw ApiException.notFound(ErrorCode.POST_NOT_FOUND, "Post");
        }
        return new Replayed(replay.replay(postId));
    }

    private static UUID postId(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (!body.isObject()) {
            throw FieldErrors.failure("body", "must be a JSON object");
        }
        FieldErrors errors = new FieldErrors();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("post_id")) {
                errors.add(name, "is not accepted by this endpoint");
            }
        });
        JsonNode postId = body.path("post_id");
        UUID id = null;
        if (!postId.isMissingNode() && !postId.isNull()) {
            try {
                id = postId.isTextual() ? UUID.fromString(postId.asText()) : null;
            } catch (IllegalArgumentException e) {
                id = null;
            }
            if (id == null || !id.toString().equalsIgnoreCase(postId.asText())) {
                errors.add("post_id", "must be a UUID");
            }
        }
        errors.throwIfAny();
        return id;
    }
}
