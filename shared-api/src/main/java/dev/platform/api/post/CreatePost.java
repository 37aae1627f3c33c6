package dev.platform.api.post;

import dev.platform.api.user.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when a creator writes a new post; it starts as a draft. The title is already trimmed, the content is
 * verbatim, and the creator is the caller's token subject.
 */
public record CreatePost(
        @TargetAggregateIdentifier PostId postId, UserId creatorId, String title, String content, Instant createdAt) {}
