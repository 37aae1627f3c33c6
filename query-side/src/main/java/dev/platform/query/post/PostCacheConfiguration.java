package dev.platform.query.post;

import dev.platform.infra.cluster.ClusterNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
    PostCache postCache(PostViewWriters writers, PostCacheProperties properties, MeterRegistry meters) {
        PostCache cache = new PostCache(writers, properties);
        Gauge.builder("platform.posts.cache.answering", cache, c -> c.answering() ? 1 : 0)
                .description("1 while post reads may be answered from this process's memory (it is the only writer)")
                .register(meters);
        Gauge.builder("platform.posts.cache.open.writes", cache, PostCache::openWrites)
                .description("writes of post_view and of view counts begun and not ended")
                .register(meters);
        return cache;
    }
}
