package dev.platform.query.projection;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The parts of the blue-green rebuild ({@link Rebuilds}). */
@org.springframework.context.annotation.Configuration
@EnableConfigurationProperties(RebuildProperties.class)
class RebuildConfiguration {

    @Bean
    ProcessorTokens processorTokens(JdbcTemplate jdbc, Serializer serializer) {
        return new ProcessorTokens(jdbc, serializer);
    }

    @Bean
    ReadModelDiff readModelDiff(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new ReadModelDiff(jdbc, transactions);
    }

    @Bean
    ShadowSwitch shadowSwitch(JdbcTemplate jdbc, TransactionTemplate transactions, ProcessorTokens tokens) {
        return new ShadowSwitch(jdbc, transactions, tokens);
    }

    /** Lazy: it needs Axon's configuration, complete only once the processors are registered. */
    @Bean
    @Lazy
    ShadowProcessors shadowProcessors(
            Configuration axon,
            ApplicationContext context,
            Environment environment,
            TokenStore tokenStore,
            PlatformTransactionManager transactions,
            JdbcTemplate jdbc) {
        return new ShadowProcessors(axon, context, environment, tokenStore, transactions, jdbc);
    }
}
