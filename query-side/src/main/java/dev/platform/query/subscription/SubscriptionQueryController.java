package dev.platform.query.subscription;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.subscription.SubscriptionId;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Paging;
import dev.platform.infra.web.Refusals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own subscriptions, all statuses unless {@code status} filters them, newest activation first (ties by
 * id). Only that user may read them: the contract names no exception, so not even the admin may.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class SubscriptionQueryController {

    private static final Set<String> STATUSES = Set.of("active", "cancelled");

    private static final String COLUMNS = "id, creator_id, status, subscribed_at";

    private final JdbcTemplate jdbc;

    SubscriptionQueryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record SubscriptionSummary(SubscriptionId id, UserId creatorId, String status, Instant subscribedAt) {}

    @GetMapping("/{user_id}/subscriptions")
    ResponseEntity<List<SubscriptionSummary>> list(
            @PathVariable("user_id") UserId userId,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "offset", required = false) String offset,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (!caller.is(userId)) {
            throw Refusals.forbidden("Only the subscriber may list their subscriptions.");
        }
        if (status != null && !STATUSES.contains(status)) {
            throw FieldErrors.failure("status", "must be \"active\" or \"cancelled\"");
        }
        Paging paging = Paging.of(limit, offset);

        String where = " WHERE subscriber_id = ?" + (status == null ? "" : " AND status = ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(userId.value());
        if (status != null) {
            arguments.add(status);
        }
        Long total =
                jdbc.queryForObject("SELECT count(*) FROM subscription_view" + where, Long.class, arguments.toArray());
        arguments.add(paging.limit());
        arguments.add(paging.offset());
        List<SubscriptionSummary> items = jdbc.query(
                "SELECT " + COLUMNS + " FROM subscription_view" + where
                        + " ORDER BY subscribed_at DESC, id LIMIT ? OFFSET ?",
                SubscriptionQueryController::subscription,
                arguments.toArray());
        return paging.answer(items, total == null ? 0 : total, "status");
    }

    /**
     * The user's subscription to one creator (where subscribe's {@code Location} points), in any status; for that
     * user only, like the list. Never subscribed: 404 {@code SUBSCRIPTION_NOT_FOUND}.
     */
    @GetMapping("/{user_id}/subscriptions/{creator_id}")
    SubscriptionSummary get(
            @PathVariable("user_id") UserId userId,
            @PathVariable("creator_id") UserId creatorId,
            @AuthenticationPrincipal AuthenticatedUser caller) {
        if (!caller.is(userId)) {
            throw Refusals.forbidden("Only the subscriber may read their subscriptions.");
        }
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM subscription_view WHERE subscriber_id = ? AND creator_id = ?",
                        SubscriptionQueryController::subscription,
                        userId.value(),
                        creatorId.value())
                .stream()
                .findFirst()
                .orElseThrow(() -> Refusals.notFound(ErrorCode.SUBSCRIPTION_NOT_FOUND, "Subscription"));
    }

    private static SubscriptionSummary subscription(ResultSet rs, int row) throws SQLException {
        return new SubscriptionSummary(
                new SubscriptionId(rs.getObject(1, UUID.class)),
                new UserId(rs.getObject(2, UUID.class)),
                rs.getString(3),
                rs.getTimestamp(4).toInstant());
    }
}
