package dev.platform.infra.security;

import dev.platform.infra.db.SchemaModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code token_not_before} table, in every process that authenticates requests (scanned, not imported by the
 * web slice tests, which have no database).
 */
@Configuration
class TokenCutoffSchema {

    @Bean
    SchemaModule securitySchema() {
        return new SchemaModule("security", 2);
    }
}
