package dev.platform.app;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An all-in-one application of a test's own, on a random port and a database of its own, to stop or break: in
 * this JVM ({@link #start}), or as a child process that can be killed ({@link #launch}).
 */
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
                "--platform.notifications.retry-schedule=200ms",
                "--platform.notifications.retry-for=30s",
                "--platform.notifications.progress-interval=1s"));
        args.addAll(List.of(extra));
        return args;
    }

    /**
     * An application on a fresh database ({@code purpose} names it) and its own RabbitMQ names ({@code
     * rabbitPrefix}), reaching RabbitMQ only through {@code rabbit}, so that a test can cut the broker off; a lost
     * connection is given up after {@code connectionTimeout}.
     */
    static ConfigurableApplicationContext behindRabbitProxy(
            String purpose, String rabbitPrefix, TcpProxy rabbit, Duration connectionTimeout) {
        return start(argumentsWithPrefix(
                TestDatabase.create(purpose),
                rabbitPrefix,
                "--spring.rabbitmq.port=" + rabbit.port(),
                "--spring.rabbitmq.connection-timeout=" + connectionTimeout.toMillis() + "ms"));
    }

    /** RabbitMQ names of one application of a test, within this run's prefix. */
    static String rabbitPrefix(String purpose) {
        return TestRabbit.register(TestRabbit.prefix() + "-" + purpose + "-"
                + UUID.randomUUID().toString().substring(0, 4));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * The application as a child JVM with these arguments (from {@link #argumentsWithPrefix}) on {@code port}, its
     * output in a temporary file named after {@code name}. {@link Process#destroyForcibly()} is a SIGKILL.
     */
    static Process launch(String name, int port, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                PlatformApplication.class.getName()));
        command.addAll(arguments);
        command.replaceAll(arg -> arg.equals("--server.port=0") ? "--server.port=" + port : arg);
        File log = Files.createTempFile(name + "-app", ".log").toFile();
        System.out.printf("%s: port %d, log %s%n", name, port, log);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    /** Waits until the application behind {@code api} answers its health check. */
    static void awaitUp(Api api) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> api.get("/actuator/health", null).status() == 200);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
