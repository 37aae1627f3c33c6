package dev.platform.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.notification.NotificationAudienceGroup;
import dev.platform.api.post.PostId;
import dev.platform.infra.axon.ReadYourWrites;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Refusals;
import dev.platform.infra.web.StaleReadModel;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /posts/{id}/notifications}: the delivery ledger of a post, for its creator. Once the post is deleted,
 * for the admin only (the audit of what went out and what was withdrawn); 404 to everyone else, its creator too.
 *
 * <p>The writes of a post do not wait for the notification side (a publication to a large audience selects its
 * recipients there, which would hold the creator's answer): this read does instead. It first waits, bounded like a
 * write's wait ({@link ReadYourWrites}), for {@code notification-audience} to have applied the post's latest event
 * that it handles, so a creator who published and asks at once sees the publication's recipients; when the side does
 * not catch up in time the answer carries {@code X-Read-Model: stale} (a refusal, 403 or 404, never does).
 */
@RestController
class NotificationStatsController {

    /** The post's latest event that {@link NotificationAudience} handles: the one whose application this read awaits. */
    private static final String LATEST_AUDIENCE_EVENT = "SELECT max(sequence_number) FROM domain_event_entry"
            + " WHERE aggregate_identifier = ? AND payload_type IN "
            + NotificationAudience.POST_EVENTS.stream()
                    .map(type -> "'" + type.getName() + "'")
                    .collect(Collectors.joining(", ", "(", ")"));

    private final JdbcTemplate jdbc;
    private final DeliveryLedger ledger;
    private final ReadYourWrites readYourWrites;

    NotificationStatsController(JdbcTemplate jdbc, DeliveryLedger ledger, ReadYourWrites readYourWrites) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.readYourWrites = readYourWrites;
    }

    /**
     * The contract's four counts, and {@code possible_duplicates}: deliveries sent again after a crash (or an
     * expired lease) that may have come between the SMTP server's acceptance and the ledger update; {@code
     * retrying}: pending deliveries waiting for their next attempt after a transient failure; {@code attempts}:
     * delivery attempts made so far, all deliveries of the post together (an admin's replay starts a delivery's
     * count again); {@code next_attempt_at}: the earliest next attempt of a retrying delivery, null when none;
     * {@code withdrawn}: deliveries not sent because the post was deleted first (counted in {@code recipients});
     * {@code skipped_unverified}: active subscribers not e-mailed because their address was not verified at the
     * publication ({@code platform.notifications.verified-only}; 0 while it is off), not among the recipients.
     */
    record NotificationStats(
            UUID postId,
            long recipients,
            long sent,
            long failed,
            long pending,
            long withdrawn,
            long possibleDuplicates,
            long retrying,
            long attempts,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant nextAttemptAt,
            long skippedUnverified) {}

    private record PostOwner(UUID creatorId, boolean published, boolean deleted) {}

    @GetMapping(path = "/api/v1/posts/{id}/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
    NotificationStats stats(@PathVariable PostId id, @AuthenticationPrincipal AuthenticatedUser caller) {
        Long latest = jdbc.queryForObject(LATEST_AUDIENCE_EVENT, Long.class, id.toString());
        boolean caughtUp =
                latest == null || readYourWrites.caughtUp(NotificationAudienceGroup.NAME, id.toString(), latest);
        PostOwner post = jdbc
                .query(
                        "SELECT creator_id, published, deleted_at IS NOT NULL FROM notification_post WHERE post_id = ?",
                        (rs, row) -> new PostOwner(rs.getObject(1, UUID.class), rs.getBoolean(2), rs.getBoolean(3)),
                        id.value())
                .stream()
                .findFirst()
                .orElseThrow(() -> Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post"));
        if (post.deleted()) {
            if (!caller.isAdmin()) {
                throw Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post");
            }
        } else if (!caller.id().value().equals(post.creatorId())) {
            if (!post.published()) {
                throw Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post");
            }
            throw Refusals.forbidden("Only the post's creator may see its notifications.");
        }
        var stats = ledger.stats(id.value());
        if (!caughtUp) {
            StaleReadModel.mark();
        }
        return new NotificationStats(
                id.value(),
                stats.recipients(),
                stats.sent(),
                stats.failed(),
                stats.pending(),
                stats.withdrawn(),
                stats.inDoubt(),
                stats.retrying(),
                stats.attempts(),
                stats.nextAttemptAt(),
                stats.skippedUnverified());
    }
}
