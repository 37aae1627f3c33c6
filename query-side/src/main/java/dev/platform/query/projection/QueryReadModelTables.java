package dev.platform.query.projection;

import dev.platform.api.common.ReadModels;
import dev.platform.infra.axon.ReadModelTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side's read models and their tables, for the blue-green rebuild ({@link ShadowRebuilds}). Each table is
 * written by its group's projection alone (a post's view count lives in analytics' own table since issue 17).
 */
@Configuration
class QueryReadModelTables {

    @Bean
    ReadModelTables postTables() {
        return ReadModelTables.of(ReadModels.POSTS, "post_view");
    }

    @Bean
    ReadModelTables userTables() {
        return ReadModelTables.of(ReadModels.USERS, "user_view");
    }

    @Bean
    ReadModelTables commentTables() {
        return ReadModelTables.of(ReadModels.COMMENTS, "comment_view");
    }

    @Bean
    ReadModelTables subscriptionTables() {
        return ReadModelTables.of(ReadModels.SUBSCRIPTIONS, "subscription_view");
    }
}
