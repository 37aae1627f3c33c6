package dev.platform.query;

import dev.platform.infra.db.SchemaModule;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read side alone: projections and read endpoints, configured by {@code query-side.yml}. */
@SpringBootApplication(scanBasePackages = {"dev.platform.infra", "dev.platform.query"})
public class QuerySideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=query-side")
                .run(args);
    }

    @Configuration
    static class QuerySchema {
        /** The read models. */
        @Bean
        SchemaModule querySchema() {
            return new SchemaModule("query", 20);
        }
    }
}
