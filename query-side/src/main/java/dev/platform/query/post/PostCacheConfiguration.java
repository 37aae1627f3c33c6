package dev.platform.query.post;

import dev.platform.infra.cluster.ClusterNode;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The cache of post reads and the presence of the processes that write {@code post_view} (issue 17). */
@Configuration
@EnableConfigurationProperties(PostCacheProperties.class)
class PostCacheConfiguration {

    @Bean
    PostViewWriters postViewWriters(JdbcTemplate jdbc, ClusterNode node, PostCacheProperties properties) {
        return new PostViewWriters(jdbc, node, properties, System::nanoTime);
    }

    @Bean
    PostCache postCache(PostViewWriters writers, PostCacheProperties properties) {
        return new PostCache(writers, properties);
    }
}
