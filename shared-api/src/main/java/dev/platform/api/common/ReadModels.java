package dev.platform.api.common;

/**
 * Names of the query side's processing groups that serve reads. The command side waits on them after a write
 * (read-your-writes), so both sides must agree on the names.
 */
public final class ReadModels {

    /** Projects users into the profile read model. */
    public static final String USERS = "users";

    /** Projects subscriptions into the subscriber's list of subscriptions. */
    public static final String SUBSCRIPTIONS = "subscriptions";

    /** Projects posts into the post read model (single post and the creators' lists). */
    public static final String POSTS = "posts";

    /**
     * The notification side's view of users, subscriptions and posts; on a publication it selects the
     * recipients. Ordered per creator, not per aggregate.
     */
    public static final String NOTIFICATIONS = "notification-audience";

    /** Projects comments into the list of each post's comments. */
    public static final String COMMENTS = "comments";

    private ReadModels() {}
}
