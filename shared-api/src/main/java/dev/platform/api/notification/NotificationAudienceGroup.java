package dev.platform.api.notification;

/**
 * The processing group of the notification side's audience: its copies of users, subscriptions and posts, from
 * which it selects a publication's recipients (ordered per creator, not per aggregate). Not a read model, but a
 * publication waits for it (read-your-writes) so the notification stats read right after it are complete, hence
 * the one name both sides share.
 */
public final class NotificationAudienceGroup {

    public static final String NAME = "notification-audience";

    private NotificationAudienceGroup() {}
}
