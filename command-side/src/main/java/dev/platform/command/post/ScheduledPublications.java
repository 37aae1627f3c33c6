package dev.platform.command.post;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PublishScheduledPost;
import dev.platform.api.post.ScheduledPublication;
import dev.platform.command.post.ScheduledPublicationTable.Due;
import dev.platform.infra.schedule.PeriodicTask;
import dev.platform.infra.time.ApiTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Fires the scheduled publications that are due, on every command-side node, every
 * {@code platform.scheduled-publishing.poll-interval}: leases the due rows of {@code scheduled_publication} (one
 * node per row, {@link ScheduledPublicationTable#leaseDue}) and sends each post {@link PublishScheduledPost}.
 *
 * <p>At least once here, exactly once in effect: the post publishes itself only while it is still scheduled for
 * the fired instant, and its {@code PostPublished} removes the row in the same transaction. A firing the post
 * finds outdated (unscheduled, moved, published meanwhile) or a post that no longer exists drops the row it fired.
 * Any other failure (the database away, a concurrent write) leaves the row leased: it is fired again, here or on
 * another node, once the lease has run out, and so is a row whose node died between lease and command.
 */
@Component
@EnableConfigurationProperties(ScheduledPublicationProperties.class)
class ScheduledPublications extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPublications.class);
    private static final int RACES = 3;

    private final ScheduledPublicationTable table;
    private final CommandGateway commands;
    private final Clock clock;
    private final ScheduledPublicationProperties properties;

    ScheduledPublications(
            ScheduledPublicationTable table,
            CommandGateway commands,
            Clock clock,
            ScheduledPublicationProperties properties) {
        super("scheduled-publications", properties.pollInterval());
        this.table = table;
        this.commands = commands;
        this.clock = clock;
        this.properties = properties;
    }

    /** One round: fires every due row this node could lease; answers how many posts it published. */
    int fireDue() {
        Instant now = ApiTime.now(clock);
        List<Due> due = table.leaseDue(now, now.plus(properties.lease()), properties.batch());
        int published = 0;
        for (Due row : due) {
            if (fire(row)) {
                published++;
            }
        }
        return published;
    }

    private boolean fire(Due row) {
        ScheduledPublication outcome;
        try {
            outcome = send(row);
        } catch (RuntimeException e) {
            if (e instanceof DomainException refused && refused.code() == ErrorCode.POST_NOT_FOUND) {
                log.info("scheduled publication of {} dropped: the post no longer exists", row.postId());
                table.removeFired(row);
                return false;
            }
            log.warn(
                    "scheduled publication of {} failed, fired again once its lease has run out: {}",
                    row.postId(),
                    e.toString());
            return false;
        }
        if (outcome == ScheduledPublication.STALE) {
            log.debug("scheduled publication of {} for {} was outdated", row.postId(), row.publishAt());
            table.removeFired(row);
            return false;
        }
        log.info("published {}, scheduled for {}", row.postId(), row.publishAt());
        return true;
    }

    /**
     * Sends the firing; a write of the post on another node at the same moment (the append race) is tried again at
     * once, up to {@value #RACES} times, rather than a lease later.
     */
    private ScheduledPublication send(Due row) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(
                        new PublishScheduledPost(row.postId(), row.publishAt(), ApiTime.now(clock)));
            } catch (ConcurrencyException race) {
                if (attempt >= RACES) {
                    throw race;
                }
            }
        }
    }

    @Override
    protected void round() {
        fireDue();
    }
}
