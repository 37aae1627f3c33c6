package dev.platform.infra.cluster;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This node's identity and the settings of segment balancing ({@code platform.balancing.*}). */
@Configuration
@EnableConfigurationProperties(BalancingProperties.class)
class BalancingConfiguration {

    @Bean
    ClusterNode clusterNode() {
        return ClusterNode.create();
    }
}
