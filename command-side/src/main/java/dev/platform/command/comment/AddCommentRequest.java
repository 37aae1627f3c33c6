package dev.platform.command.comment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.api.comment.CommentId;
import dev.platform.api.common.Ids;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.JsonString;
import dev.platform.infra.web.body.MultiLine;
import dev.platform.infra.web.body.Required;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /posts/{post_id}/comments}. A {@code null} content is a missing one; a {@code null}
 * parent makes a top-level comment, like an absent one.
 *
 * @param content 1 to 10,000 characters, not only whitespace, stored verbatim
 * @param parentCommentId the comment (on the same post) this one replies to
 */
public record AddCommentRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CommentRules.CONTENT_MAX)
        @Required
        @MultiLine(CommentRules.Content.class)
        String content,

        @Schema(format = "uuid", nullable = true, description = "a comment of the same post; absent or null: top level")
        @JsonString(message = CommentRules.PARENT_MESSAGE)
        @Pattern(regexp = Ids.CANONICAL_FORM, message = CommentRules.PARENT_MESSAGE)
        String parentCommentId,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public AddCommentRequest(String content, String parentCommentId) {
        this(content, parentCommentId, BindingProblems.NONE);
    }

    /** The parent, once the record is valid; {@code null} for a top-level comment. */
    CommentId parent() {
        return parentCommentId == null ? null : CommentId.of(parentCommentId);
    }
}
