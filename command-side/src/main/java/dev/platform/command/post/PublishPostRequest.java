package dev.platform.command.post;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.platform.infra.web.body.BindingProblems;
import dev.platform.infra.web.body.JsonRequest;
import dev.platform.infra.web.body.JsonString;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The optional body of {@code POST /posts/{id}/publish}: none, {@code null}, an empty object or a {@code null}
 * {@code publish_at} publish now; an instant schedules the publication for it. Any other field is refused by name.
 *
 * @param publishAt when the post publishes itself: an ISO-8601 instant in the future, at most a year ahead
 *     ({@link PublicationSchedule})
 */
public record PublishPostRequest(
        @Schema(
                format = "date-time",
                description = "schedule the publication for this instant (in the future, at most a year"
                        + " ahead); absent or null: publish now")
        @JsonString(message = PublicationSchedule.MALFORMED)
        String publishAt,

        @JsonIgnore BindingProblems problems)
        implements JsonRequest {

    public PublishPostRequest(String publishAt) {
        this(publishAt, BindingProblems.NONE);
    }
}
