package dev.platform.infra.docs;

/**
 * The tags of the description, one per resource a client thinks in (never per controller, so the split between
 * the command and the query side stays out of the SDK). Declared in the order Swagger UI shows them.
 */
public enum ApiTag {
    USERS("Users", "Registration, login and profiles."),
    POSTS("Posts", "Writing, publishing and reading posts, and their view counts."),
    COMMENTS("Comments", "Comments and replies on published posts."),
    SUBSCRIPTIONS("Subscriptions", "Subscribing to creators: subscribers get an e-mail per new post."),
    NOTIFICATIONS("Notifications", "The e-mails sent about a publication."),
    AUDIT("Audit", "What happened, straight from the event store."),
    PROJECTIONS("Projections", "Operating the read models: progress, rebuilds and parked events.");

    private final String title;
    private final String description;

    ApiTag(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
