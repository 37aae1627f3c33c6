package dev.platform.query.projection;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings of the process that {@code --platform.rebuild=...} starts (see {@link RebuildCommand}): a one-shot
 * operator's job that exits when the projections have caught up, so nothing scrapes its metrics. Axon's
 * per-message monitors (a timer, a counter and a capacity monitor for every event each processor thread reads)
 * were 30 % of the rebuilding threads' CPU in the 1,000,000-event benchmark, so they are off there (28,048 events/s
 * against 23,817 with them on, docs/benchmarks.md). Added below everything else: an operator who sets {@code
 * axon.metrics.auto-configuration.enabled} keeps their choice.
 */
public class RebuildCommandEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "platform-rebuild-command";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("platform.rebuild")) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(SOURCE, Map.of("axon.metrics.auto-configuration.enabled", "false")));
        }
    }
}
