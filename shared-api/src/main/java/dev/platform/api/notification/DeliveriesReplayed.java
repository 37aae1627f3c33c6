package dev.platform.api.notification;

import dev.platform.api.post.PostId;

/**
 * Emitted by the notification side when an admin has put a post's failed deliveries back in the ledger to be
 * sent again ({@code POST /admin/notifications/replay}). It reaches the post's notification saga, or starts one
 * when the saga has ended, which dispatches those deliveries and follows them like any others.
 *
 * @param deliveries how many failed deliveries of the post were put back
 */
public record DeliveriesReplayed(PostId postId, int deliveries) {}
