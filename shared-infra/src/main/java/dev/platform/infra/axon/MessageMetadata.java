package dev.platform.infra.axon;

import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.RequestIds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What every message carries from the request that caused it: the request id and the acting user, stamped on a
 * command when it leaves the gateway and passed on from there to every event it causes.
 */
@Configuration
public class MessageMetadata {

    /** Metadata keys every message carries from the request that caused it. */
    public static final String REQUEST_ID = "requestId";

    public static final String ACTOR_ID = "actorId";

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** The request id and the acting user travel from a command into every event it causes, and on from there. */
    @Bean
    CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(REQUEST_ID, ACTOR_ID);
    }

    /** Commands leave the gateway with the request id and the authenticated caller in their metadata. */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        MessageDispatchInterceptor<CommandMessage<?>> requestMetadata = messages -> (index, command) -> {
            String requestId = RequestIds.current();
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            Map<String, String> metadata = new HashMap<>();
            if (requestId != null && !command.getMetaData().containsKey(REQUEST_ID)) {
                metadata.put(REQUEST_ID, requestId);
            }
            if (authentication != null
                    && authentication.getPrincipal() instanceof AuthenticatedUser user
                    && !command.getMetaData().containsKey(ACTOR_ID)) {
                metadata.put(ACTOR_ID, user.id().toString());
            }
            return metadata.isEmpty() ? command : command.andMetaData(metadata);
        };
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .dispatchInterceptors(List.of(requestMetadata))
                .build();
    }
}
