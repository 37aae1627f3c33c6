package dev.platform.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTest {

    private static final String LOG_FORMAT = "logging.structured.format.console";

    @Test
    void logsArePlainTextWithoutAProfile() {
        StandardEnvironment environment = new StandardEnvironment();

        new PlatformDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(LOG_FORMAT)).isNull();
        assertThat(environment.getProperty("logging.pattern.level")).contains("requestId");
    }

    @Test
    void theProdProfileLogsJsonLines() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("prod");

        new PlatformDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(LOG_FORMAT)).isEqualTo("ecs");
    }

    @Test
    void theEnvironmentStillWinsOverTheProfilesDefaults() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("prod");
        environment.getPropertySources().addFirst(new MapPropertySource("command line", Map.of(LOG_FORMAT, "")));

        new PlatformDefaults().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(LOG_FORMAT)).isEmpty();
    }
}
