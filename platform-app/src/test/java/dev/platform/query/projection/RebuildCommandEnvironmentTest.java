package dev.platform.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RebuildCommandEnvironmentTest {

    private static final String METRICS = "axon.metrics.auto-configuration.enabled";

    @Test
    void theRebuildCommandRunsWithoutAxonsMetrics() {
        StandardEnvironment environment = environment(Map.of("platform.rebuild", "posts"));
        assertThat(environment.getProperty(METRICS)).isEqualTo("false");
    }

    @Test
    void anOperatorWhoAsksForThemKeepsThem() {
        StandardEnvironment environment = environment(Map.of("platform.rebuild", "posts", METRICS, "true"));
        assertThat(environment.getProperty(METRICS)).isEqualTo("true");
    }

    @Test
    void anApplicationThatRebuildsNothingKeepsThem() {
        StandardEnvironment environment = environment(Map.of());
        assertThat(environment.getProperty(METRICS)).isNull();
    }

    private static StandardEnvironment environment(Map<String, Object> arguments) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("arguments", arguments));
        new RebuildCommandEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
