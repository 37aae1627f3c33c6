package dev.platform.command.comment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.MultiLine;
import dev.platform.infra.web.body.Required;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PUT /posts/{post_id}/comments/{id}}: the comment's new content, by the rules of a new comment.
 * A {@code null} content is a missing one; nothing else may be changed (the parent, the post and the author are
 * fixed).
 *
 * @param content 1 to 10,000 characters, not only whitespace, stored verbatim
 */
public record EditCommentRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CommentRules.CONTENT_MAX)
        @Required
        @MultiLine(CommentRules.Content.class)
        String content,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public EditCommentRequest(String content) {
        this(content, BindingProblems.NONE);
    }
}
