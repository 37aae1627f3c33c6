package dev.platform.command;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's lookup tables that must change in the same transaction as the events they follow from (the
 * rules of later commands read them): four processing groups, run by one subscribing processor, {@value #PROCESSOR}
 * ({@code META-INF/platform/command-side.yml}), in the thread and transaction that store the event. A failing handler
 * fails the command ({@link PropagatingErrorHandler}: Axon's default for subscribing processors logs it and commits
 * anyway). No tokens, no replay, no lag.
 *
 * <p>One processor rather than one per group: every event a command stores passes every subscribing processor, each
 * with a unit of work, its interceptors and Axon's metrics whether or not a handler takes the event; for a post's
 * creation, four of them were a tenth of the request's CPU (docs/benchmarks.md, "Issue 17: ninth round").
 */
@Configuration
public class CommandSideTables {

    /** The subscribing processor of the four groups. */
    public static final String PROCESSOR = "command-side-tables";

    /** {@code post_state}: each post's creator and whether it is published ({@code PostStateProjection}). */
    public static final String POST_STATE = "comment-post-state";

    /** {@code subscription_pair}: who subscribes to whom ({@code SubscriptionPairs}). */
    public static final String SUBSCRIPTION_PAIRS = "subscription-pairs";

    /** {@code person_content}: each person's posts and comments ({@code PersonContent}). */
    public static final String PERSON_CONTENT = "person-content";

    /** {@code scheduled_publication}: the posts waiting for their publication ({@code ScheduledPublicationProjection}). */
    public static final String POST_SCHEDULE = "post-schedule";

    static final List<String> GROUPS = List.of(POST_STATE, SUBSCRIPTION_PAIRS, PERSON_CONTENT, POST_SCHEDULE);

    @Bean
    ConfigurerModule commandSideTablesProcessor() {
        return configurer -> {
            for (String group : GROUPS) {
                configurer
                        .eventProcessing()
                        .assignProcessingGroup(group, PROCESSOR)
                        .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance());
            }
        };
    }
}
