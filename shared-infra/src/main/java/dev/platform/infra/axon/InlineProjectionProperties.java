package dev.platform.infra.axon;

import dev.platform.api.common.ReadModels;
import dev.platform.api.notification.NotificationAudienceGroup;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which projections a write updates in its own transaction ({@code platform.projections.inline}), see {@link
 * InlineProjections}. A group named here that this process does not run as a streaming processor is left alone.
 *
 * @param inline processing group names; empty: every projection follows the event store in its own thread. By
 *     default the read models writes wait for (read-your-writes), effective where they run in the writing process
 */
@ConfigurationProperties("platform.projections")
public record InlineProjectionProperties(
        @DefaultValue({
            ReadModels.POSTS,
            ReadModels.USERS,
            ReadModels.COMMENTS,
            ReadModels.SUBSCRIPTIONS,
            NotificationAudienceGroup.NAME
        })
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
