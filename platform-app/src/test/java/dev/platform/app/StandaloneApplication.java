package dev.platform.app;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** An all-in-one application of a test's own, on a random port and a database of its own, to stop or break. */
final class StandaloneApplication {

    private StandaloneApplication() {}

    static ConfigurableApplicationContext start(String jdbcUrl, String... extra) {
        return start(argumentsWithPrefix(jdbcUrl, rabbitPrefix("standalone"), extra));
    }

    static ConfigurableApplicationContext start(List<String> arguments) {
        // Arguments, not default properties: those rank below platform-defaults.yml.
        return new SpringApplicationBuilder(PlatformApplication.class).run(arguments.toArray(String[]::new));
    }

    /** The command line of an application on a random port against this database, with further arguments. */
    static String[] arguments(String jdbcUrl, String... extra) {
        return argumentsWithPrefix(jdbcUrl, rabbitPrefix("standalone"), extra).toArray(String[]::new);
    }

    /**
     * The arguments of an application on its own database and RabbitMQ names (so the shared context never sees
     * its events or messages), mailing to the tests' SMTP server; extra arguments are appended.
     */
    static List<String> argumentsWithPrefix(String jdbcUrl, String rabbitPrefix, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl,
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

    /** RabbitMQ names of one application of a test, within this run's prefix. */
    static String rabbitPrefix(String purpose) {
        return TestRabbit.prefix() + "-" + purpose + "-"
                + UUID.randomUUID().toString().substring(0, 4);
    }

    static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
