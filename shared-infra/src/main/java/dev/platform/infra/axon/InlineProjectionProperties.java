package dev.platform.infra.axon;

import dev.platform.api.common.ReadModels;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which projections a write updates in its own transaction ({@code platform.projections.inline}), see {@link
 * InlineProjections}. A group named here that this process does not run as a streaming processor is left alone.
 *
 * @param inline processing group names; empty: every projection follows the event store in its own thread. By
 *     default the query side's read models, which writes wait for (read-your-writes), effective where they run in
 *     the writing process. Not the notification audience: it selects a publication's recipients from the
 *     subscriptions before it in the stream's order, which only its streaming processor keeps
 */
@ConfigurationProperties("platform.projections")
public record InlineProjectionProperties(
        @DefaultValue({ReadModels.POSTS, ReadModels.USERS, ReadModels.COMMENTS, ReadModels.SUBSCRIPTIONS})
        List<String> inline) {

    public InlineProjectionProperties {
        inline = inline == null
                ? List.of()
                : inline.stream()
                        .map(String::trim)
                        .filter(name -> !name.isEmpty())
                        .toList();
    }
}
