package dev.platform.api.post;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the command side's scheduler when a scheduled publication is due: publish the post if it is still
 * scheduled for exactly {@code publishAt}. Sent at least once (again after a crash or by another node), so the
 * post accepts it at most once: a post no longer scheduled for that instant answers
 * {@link ScheduledPublication#STALE} and changes nothing. {@code firedAt} is the publication's instant.
 */
public record PublishScheduledPost(
        @TargetAggregateIdentifier PostId postId, Instant publishAt, Instant firedAt) {}
