package dev.platform.notification;

import dev.platform.api.notification.NotificationAudienceGroup;
import dev.platform.api.notification.RecipientsSelected;
import dev.platform.api.post.PostCreated;
import dev.platform.api.post.PostDeleted;
import dev.platform.api.post.PostEvent;
import dev.platform.api.post.PostPublished;
import dev.platform.api.post.PostUnpublished;
import dev.platform.api.subscription.SubscriptionCancelled;
import dev.platform.api.subscription.SubscriptionStarted;
import dev.platform.api.user.EmailVerified;
import dev.platform.api.user.PasswordResetRequested;
import dev.platform.api.user.UserErased;
import dev.platform.api.user.UserRegistered;
import dev.platform.api.user.VerificationRequested;
import dev.platform.infra.axon.StorableText;
import dev.platform.infra.db.StatementsAtCommit;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the notification side needs to know, in its own tables: subscribers' addresses, each creator's active
 * subscribers, and posts. On a {@code PostPublished} it selects the recipients into the delivery ledger, in
 * the same transaction as its token, and emits {@link RecipientsSelected} for the saga. Sequenced per creator
 * (see {@link NotificationSequencing}). On a replay the tables are rebuilt but nothing is selected or emitted:
 * a rebuild never sends an e-mail. With {@code platform.notifications.verified-only} a subscriber whose address is
 * not verified at the publication is recorded as skipped instead of selected ({@link DeliveryLedger#selectRecipients}).
 * It also records the account e-mails registrations, verification requests and password reset requests ask for
 * ({@link AccountEmails}), never on a replay either. Text the tables cannot store (a NUL in an event from before the API refused it) is
 * stored without it ({@link StorableText}).
 */
@Component
@ProcessingGroup(NotificationAudience.GROUP)
class NotificationAudience {

    static final String GROUP = NotificationAudienceGroup.NAME;

    /**
     * The post events this group handles (its {@code @EventHandler}s below; {@code NotificationAudienceTest} holds
     * the two together): what {@code GET /posts/{id}/notifications} waits for ({@link NotificationStatsController}).
     */
    static final List<Class<? extends PostEvent>> POST_EVENTS =
            List.of(PostCreated.class, PostPublished.class, PostUnpublished.class, PostDeleted.class);

    private final StatementsAtCommit atCommit;
    private final JdbcTemplate jdbc;
    private final DeliveryLedger ledger;
    private final EventBus eventBus;
    private final AccountEmails accountEmails;
    private final boolean verifiedOnly;

    NotificationAudience(
            JdbcTemplate jdbc,
            DeliveryLedger ledger,
            EventBus eventBus,
            AccountEmails accountEmails,
            NotificationProperties properties,
            StatementsAtCommit atCommit) {
        this.jdbc = jdbc;
        this.atCommit = atCommit;
        this.accountEmails = accountEmails;
        this.ledger = ledger;
        this.eventBus = eventBus;
        this.verifiedOnly = properties.verifiedOnly();
    }

    /**
     * Also records the verification e-mail of the new account (request 1), in the same transaction as the token:
     * a redelivered event finds it recorded; a replay records nothing, so a rebuild never sends an e-mail.
     */
    @EventHandler
    void on(UserRegistered event, ReplayStatus replay) {
        jdbc.update(
                "INSERT INTO notification_user (user_id, email) VALUES (?, ?) "
                        + "ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email "
                        + "WHERE NOT notification_user.erased",
                event.userId().value(),
                StorableText.of(event.email(), "email", event.userId()));
        if (!replay.isReplay() && event.email() != null) {
            accountEmails.request(event.userId().value(), AccountEmails.VERIFY, 1);
        }
    }

    /**
     * The person is erased: their copy keeps no address and is marked, and every e-mail still open for them (new-post
     * deliveries and account e-mails, whatever their state short of being sent) is cancelled. Idempotent; on a replay
     * too, since cancelling what is no longer open changes nothing.
     */
    @EventHandler
    void on(UserErased event) {
        UUID user = event.userId().value();
        jdbc.update(
                "INSERT INTO notification_user (user_id, email, erased) VALUES (?, NULL, TRUE) "
                        + "ON CONFLICT (user_id) DO UPDATE SET email = NULL, erased = TRUE",
                user);
        ledger.cancelOpenFor(user);
        accountEmails.cancelOpenFor(user);
    }

    /** The owner asked for another verification e-mail: recorded like the first, never on a replay. */
    @EventHandler
    void on(VerificationRequested event, ReplayStatus replay) {
        if (!replay.isReplay()) {
            accountEmails.request(event.userId().value(), AccountEmails.VERIFY, event.request());
        }
    }

    /**
     * The address was verified: from now on its owner is e-mailed under {@code verified-only}. The user's row comes
     * from {@code UserRegistered}, an earlier event of the same aggregate (which, failing, would park this one too).
     */
    @EventHandler
    void on(EmailVerified event) {
        int updated = jdbc.update(
                "UPDATE notification_user SET email_verified = TRUE WHERE user_id = ?",
                event.userId().value());
        if (updated != 1) {
            throw new IllegalStateException("EmailVerified for user " + event.userId() + ", unknown to the audience");
        }
    }

    /** A password reset e-mail was asked for: recorded like a verification e-mail, never on a replay. */
    @EventHandler
    void on(PasswordResetRequested event, ReplayStatus replay) {
        if (!replay.isReplay()) {
            accountEmails.request(event.userId().value(), AccountEmails.RESET, event.request());
        }
    }

    @EventHandler
    void on(SubscriptionStarted event) {
        subscription(event.creatorId().value(), event.subscriberId().value(), true, event.startedAt());
    }

    @EventHandler
    void on(SubscriptionCancelled event) {
        subscription(event.creatorId().value(), event.subscriberId().value(), false, event.cancelledAt());
    }

    private void subscription(java.util.UUID creator, java.util.UUID subscriber, boolean active, java.time.Instant at) {
        jdbc.update(
                "INSERT INTO notification_subscriber (creator_id, subscriber_id, active, changed_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (creator_id, subscriber_id) DO UPDATE SET active = EXCLUDED.active, "
                        + "changed_at = EXCLUDED.changed_at",
                creator,
                subscriber,
                active,
                Timestamp.from(at));
    }

    /**
     * A post's row, sent with the batch's other such rows when it commits ({@link StatementsAtCommit}): a stream of
     * creations is one round trip per batch. A later handler of the batch that reads or changes the table runs them
     * first.
     */
    @EventHandler
    void on(PostCreated event) {
        atCommit.run(
                "INSERT INTO notification_post (post_id, creator_id, published) VALUES (?, ?, FALSE) "
                        + "ON CONFLICT (post_id) DO NOTHING",
                event.postId().value(),
                event.creatorId().value());
    }

    @EventHandler
    void on(PostPublished event, ReplayStatus replay) {
        atCommit.flush();
        PostExcerpt excerpt = PostExcerpt.of(StorableText.of(event.content(), "content", event.postId()));
        jdbc.update(
                "INSERT INTO notification_post (post_id, creator_id, published, title, excerpt, excerpt_html, "
                        + "published_at) VALUES (?, ?, TRUE, ?, ?, ?, ?) ON CONFLICT (post_id) DO UPDATE SET "
                        + "published = TRUE, title = EXCLUDED.title, excerpt = EXCLUDED.excerpt, "
                        + "excerpt_html = EXCLUDED.excerpt_html, published_at = EXCLUDED.published_at",
                event.postId().value(),
                event.creatorId().value(),
                StorableText.of(event.title(), "title", event.postId()),
                excerpt.text(),
                excerpt.html(),
                Timestamp.from(event.publishedAt()));
        if (replay.isReplay()) {
            return;
        }
        DeliveryLedger.Selection selection = ledger.selectRecipients(
                event.postId().value(), event.creatorId().value(), event.publishedAt(), verifiedOnly);
        eventBus.publish(GenericEventMessage.asEventMessage(
                new RecipientsSelected(event.postId(), event.publishedAt(), selection.recipients())));
    }

    @EventHandler
    void on(PostUnpublished event) {
        atCommit.flush();
        jdbc.update(
                "UPDATE notification_post SET published = FALSE WHERE post_id = ?",
                event.postId().value());
    }

    /**
     * The post was deleted: no e-mail goes out for it any more. Its deliveries not yet sent are withdrawn in this
     * transaction (those being sent are left to their workers, see {@link DeliveryLedger#withdraw}), and the mark on
     * the post makes every later claim of one of them withdraw it instead of sending. Also on a replay: withdrawing
     * is idempotent, and the mark must come back with a rebuilt table.
     */
    @EventHandler
    void on(PostDeleted event) {
        atCommit.flush();
        jdbc.update(
                "UPDATE notification_post SET published = FALSE, deleted_at = ? WHERE post_id = ?",
                Timestamp.from(event.deletedAt()),
                event.postId().value());
        ledger.withdraw(event.postId().value());
    }

    /** A rebuild starts from empty tables; the delivery ledger is history and stays. */
    @ResetHandler
    void reset() {
        atCommit.flush();
        jdbc.update("TRUNCATE notification_user, notification_subscriber, notification_post");
    }
}
