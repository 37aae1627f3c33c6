package dev.platform.api.post;

import dev.platform.api.common.ConditionalCommand;
import dev.platform.api.common.ExpectedVersion;
import dev.platform.api.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when someone changes a post through {@code PUT /posts/{id}}: an empty optional leaves that part as it is,
 * a present status publishes or unpublishes the post after the edit. {@code requestedBy} is the caller's token
 * subject: the post decides whether they may. A present {@code expectedVersion} ({@code If-Match}) makes the
 * change conditional on the post's version.
 */
public record UpdatePost(
        @TargetAggregateIdentifier PostId postId,
        UserId requestedBy,
        Optional<String> title,
        Optional<String> content,
        Optional<PostStatus> status,
        Instant updatedAt,
        Optional<ExpectedVersion> expectedVersion)
        implements ConditionalCommand {

    /** An unconditional update. */
    public UpdatePost(
            PostId postId,
            UserId requestedBy,
            Optional<String> title,
            Optional<String> content,
            Optional<PostStatus> status,
            Instant updatedAt) {
        this(postId, requestedBy, title, content, status, updatedAt, Optional.empty());
    }
}
