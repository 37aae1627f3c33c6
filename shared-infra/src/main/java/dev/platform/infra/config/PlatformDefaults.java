package dev.platform.infra.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Adds the platform's defaults with the lowest precedence, so each runnable module's own configuration, the
 * environment and the command line all override them: {@code platform-defaults-<profile>.yml} for each active
 * profile that has one (what an environment changes, such as JSON logs under {@code prod}; the profiles are known
 * here, this runs after Spring Boot's own configuration files), then {@code platform-defaults.yml} (what every
 * process shares: Axon without Axon Server, the web conventions, the contract's configuration defaults), then each
 * {@code META-INF/platform/*.yml} on the classpath (what a side module needs wherever it runs, such as the
 * settings of its own event processors).
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Axon advertises its hosted console at every start otherwise; nothing here talks to it.
        System.setProperty("disable-axoniq-console-message", "true");
        try {
            Resource[] modules =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/platform/*.yml");
            Arrays.sort(modules, Comparator.comparing(Resource::getDescription));
            for (String profile : environment.getActiveProfiles()) {
                Resource profileDefaults = new ClassPathResource("platform-defaults-" + profile + ".yml");
                if (profileDefaults.exists()) {
                    add(environment, "platform-defaults-" + profile, profileDefaults);
                }
            }
            add(environment, "platform-defaults", new ClassPathResource("platform-defaults.yml"));
            for (Resource module : modules) {
                add(environment, "platform-defaults:" + module.getFilename(), module);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(ConfigurableEnvironment environment, String name, Resource resource) throws IOException {
        new YamlPropertySourceLoader()
                .load(name, resource)
                .forEach(source -> environment.getPropertySources().addLast(source));
    }
}
