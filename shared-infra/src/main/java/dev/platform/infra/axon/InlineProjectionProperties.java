package dev.platform.infra.axon;

import dev.platform.api.common.ReadModels;
import java.time.Duration;
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
 * @param inlineWakeInterval how often at most a thread of such a group's streaming processor wakes while the events
 *     it meets are ones its group applied inline ({@link InlineGroupEventSource}); 0: at every event
 */
@ConfigurationProperties("platform.projections")
public record InlineProjectionProperties(
        @DefaultValue({ReadModels.POSTS, ReadModels.USERS, ReadModels.COMMENTS, ReadModels.SUBSCRIPTIONS})
        List<String> inline,

        @DefaultValue("20ms") Duration inlineWakeInterval) {

    public InlineProjectionProperties {
        inline = inline == null
                ? List.of()
                : inline.stream()
                        .map(String::trim)
                        .filter(name -> !name.isEmpty())
                        .toList();
        inlineWakeInterval =
                inlineWakeInterval == null || inlineWakeInterval.isNegative() ? Duration.ZERO : inlineWakeInterval;
    }
}
