package dev.platform.infra.axon;

import dev.platform.infra.cluster.ClusterNode;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The processors' tokens in {@code token_entry}. Axon's own {@link TokenStoreProperties}
 * ({@code axon.eventhandling.tokenstore.*}) is bound by its JDBC autoconfiguration.
 */
@Configuration
class TokenStoreConfiguration {

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's JDBC token store as the autoconfiguration would build it, but with an owner name unique to this
     * application instance ({@link ClusterNode}): Axon's default ({@code pid@host}) is the same for two
     * applications in one JVM, which would then take each other's segment claims for their own. Claims decide who
     * may process a segment and whether a projection may be reset (another node's claim refuses it), so every
     * instance needs its own name.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connections,
            Serializer serializer,
            TokenSchema schema,
            ClusterNode node,
            TokenStoreProperties tokenStore) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .schema(schema)
                .serializer(serializer)
                .claimTimeout(tokenStore.getClaimTimeout())
                .nodeId(node.id())
                .build();
    }
}
