package dev.platform.api.common;

/**
 * Names of the query side's processing groups that project read models. The command side waits on them after a
 * write (read-your-writes), so both sides must agree on the names. The notification side's group, which is no read
 * model, is {@link dev.platform.api.notification.NotificationAudienceGroup}.
 */
public final class ReadModels {

    /** Projects users into the profile read model. */
    public static final String USERS = "users";

    /** Projects subscriptions into the subscriber's list of subscriptions. */
    public static final String SUBSCRIPTIONS = "subscriptions";

    /** Projects posts into the post read model (single post and the creators' lists). */
    public static final String POSTS = "posts";

    /** Projects comments into the list of each post's comments. */
    public static final String COMMENTS = "comments";

    private ReadModels() {}
}
