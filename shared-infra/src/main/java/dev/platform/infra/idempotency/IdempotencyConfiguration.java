package dev.platform.infra.idempotency;

import dev.platform.infra.db.SchemaModule;
import dev.platform.infra.web.ErrorResponses;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The idempotency table and the filter, in every process that serves the API. */
@Configuration
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration {

    /** The {@code idempotency_key} table, after Axon's (it reads the event store's ids) and before the sides'. */
    @Bean
    SchemaModule idempotencySchema() {
        return new SchemaModule("idempotency", 1);
    }

    /**
     * Registered here rather than scanned, so that web slice tests (which scan filters but no repositories) leave it
     * out. Ordered after Spring Security's filter chain: the key belongs to the authenticated caller.
     */
    @Bean
    FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(
            KeyClaims claims, IdempotencyKeyTable table, ErrorResponses errors) {
        var registration = new FilterRegistrationBean<>(new IdempotencyKeyFilter(claims, table, errors));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
