package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.TestUser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The executable jar the README's run command starts ({@code java -jar platform-app/target/...jar}), run as it is
 * shipped, after {@code package} (Maven Failsafe, phase integration-test): the end-to-end tests run the application
 * from the test classpath, which holds test-scoped libraries the jar does not, so a library left out of the jar
 * passes them all. It happened: a test scope on jackson-datatype-jsr310 kept it out of the jar, which then failed at
 * start. Here the jar starts on a database of its own, a creator publishes and a subscriber gets the e-mail.
 */
class ExecutableJarIT {

    @Test
    void theShippedJarStartsAndAPublicationReachesASubscriber() throws Exception {
        Path jar = Path.of(System.getProperty("platform.jar", "target/platform-app-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged application").exists();
        String prefix = StandaloneApplication.rabbitPrefix("jar");
        int port = StandaloneApplication.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString()));
        command.addAll(StandaloneApplication.argumentsWithPrefix(TestDatabase.create("jar"), prefix));
        command.replaceAll(arg -> arg.equals("--server.port=0") ? "--server.port=" + port : arg);
        File log = Files.createTempFile("executable-jar-app", ".log").toFile();
        System.out.printf("executable jar: port %d, log %s%n", port, log);
        Process app = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        try {
            Api api = new Api(port);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .failFast("the application exited; see " + log, () -> !app.isAlive())
                    .until(() -> api.get("/actuator/health", null).status() == 200);
            TestUser creator = api.newUser("creator");
            TestUser subscriber = api.newSubscribers(creator, 1).get(0);
            String postId = api.newPost(creator, "From the jar", "Shipped as built");

            assertThat(api.post("/api/v1/posts/" + postId + "/publish", null, creator.token())
                            .status())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> TestMail.to(subscriber.email()).size() == 1);
        } finally {
            app.destroy();
            app.waitFor();
            TestRabbit.deleteAll(prefix);
        }
    }
}
