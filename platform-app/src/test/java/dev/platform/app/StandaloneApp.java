package dev.platform.app;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An all-in-one application of its own for tests that must take something away from it (its database, its
 * broker, the process itself): its own database and RabbitMQ names, so the shared context never sees its
 * events or messages. Arguments, not default properties: those rank below platform-defaults.yml.
 */
final class StandaloneApp {

    private StandaloneApp() {}

    /** The arguments of an application on its own database and RabbitMQ prefix; extra ones are appended. */
    static List<String> arguments(String database, String rabbitPrefix, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + TestDatabase.user(),
                "--spring.datasource.password=" + TestDatabase.password(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + TestMail.port(),
                "--platform.notifications.queue-prefix=" + rabbitPrefix,
                "--platform.notifications.retry-delay=200ms",
                "--platform.notifications.progress-interval=1s"));
        args.addAll(List.of(extra));
        return args;
    }

    static String rabbitPrefix(String purpose) {
        return TestRabbit.prefix() + "-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 4);
    }

    static ConfigurableApplicationContext start(List<String> arguments) {
        return new SpringApplicationBuilder(PlatformApplication.class).run(arguments.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
