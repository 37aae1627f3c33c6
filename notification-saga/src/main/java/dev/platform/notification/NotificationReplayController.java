package dev.platform.notification;

import dev.platform.api.common.ErrorCode;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Refusals;
import dev.platform.infra.web.body.RejectedBody;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindingResult;
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

    /** Only the admin may replay, and that is checked before the body is judged, hence the {@link BindingResult}. */
    @PostMapping(path = "/api/v1/admin/notifications/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Replayed replay(
            @RequestBody(required = false) @Valid ReplayNotificationsRequest body,
            BindingResult invalid,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        caller.requireAdmin("Only the admin may replay notifications.");
        RejectedBody.throwIfAny(invalid);
        UUID postId = body == null ? null : body.post();
        if (postId != null
                && jdbc.queryForList("SELECT 1 FROM notification_post WHERE post_id = ? AND deleted_at IS NULL", postId)
                        .isEmpty()) {
            throw Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post");
        }
        return new Replayed(replay.replay(postId));
    }
}
