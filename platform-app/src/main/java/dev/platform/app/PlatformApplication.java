package dev.platform.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The all-in-one application: command side, query side and notification saga in one JVM, the whole
 * {@code /api/v1} on one port. The sides' own {@code @SpringBootApplication} classes are left out of the scan:
 * each side brings its configuration as plain {@code @Configuration} classes.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = {"dev.platform.infra", "dev.platform.command", "dev.platform.query", "dev.platform.notification"
        },
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class PlatformApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlatformApplication.class, args);
    }
}
