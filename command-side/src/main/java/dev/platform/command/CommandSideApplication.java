package dev.platform.command;

import dev.platform.infra.db.SchemaModule;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The write side alone: its REST endpoints, aggregates and lookup tables, configured by {@code command-side.yml}. */
@SpringBootApplication(scanBasePackages = {"dev.platform.infra", "dev.platform.command"})
public class CommandSideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=command-side")
                .run(args);
    }

    @Configuration
    static class CommandSchema {
        /** The command side's own tables: credentials and the lookup tables of set rules. */
        @Bean
        SchemaModule commandSchema() {
            return new SchemaModule("command", 10);
        }
    }
}
