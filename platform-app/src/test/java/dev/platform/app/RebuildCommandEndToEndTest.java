package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.Api.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator's rebuild from the command line: {@code java -jar platform-app.jar --platform.rebuild=users}
 * starts, rebuilds, waits until the read model has caught up and exits with 0. Run here as a separate JVM on the
 * test classpath, exactly as the jar's main class runs.
 */
class RebuildCommandEndToEndTest {

    private static final String USERS = "SELECT * FROM user_view ORDER BY id";

    @Test
    void theCommandLineRebuildRepairsTheReadModelAndExitsWith0() throws Exception {
        String database = TestDatabase.create("cli");
        List<String> before;
        TestUser damaged;
        try (ConfigurableApplicationContext app = StandaloneApplication.start(database)) {
            Api api = new Api(StandaloneApplication.port(app));
            damaged = api.newUser("creator");
            TestUser other = api.newUser("reader");
            api.put("/api/v1/users/" + damaged.id(), Map.of("bio", "kept"), damaged.token());
            api.put("/api/v1/users/" + other.id(), Map.of("username", "r" + other.username()), other.token());
            before = Sql.rows(database, USERS);
        }
        Sql.update(database, "UPDATE user_view SET bio = 'damaged' WHERE id = ?::uuid", damaged.id());
        Sql.update(database, "DELETE FROM user_view WHERE id <> ?::uuid", damaged.id());

        Path output = Files.createTempFile("rebuild-", ".log");
        int exit = run(output, StandaloneApplication.arguments(database, "--platform.rebuild=users"));

        String log = Files.readString(output);
        assertThat(exit).as(log).isZero();
        assertThat(log).contains("rebuilt users");
        assertThat(Sql.rows(database, USERS)).isEqualTo(before);
    }

    @Test
    void anUnknownProjectionExitsWith1() throws Exception {
        String database = TestDatabase.create("cli");

        Path output = Files.createTempFile("rebuild-", ".log");
        int exit = run(output, StandaloneApplication.arguments(database, "--platform.rebuild=no-such-projection"));

        String log = Files.readString(output);
        assertThat(exit).as(log).isEqualTo(1);
        assertThat(log).contains("rebuild refused").contains("Projection not found");
    }

    /** Runs the application's main class in a new JVM with these arguments and returns its exit code. */
    private static int run(Path output, String... arguments) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command =
                new ArrayList<>(List.of(java, "-Xmx384m", "-cp", classpath, PlatformApplication.class.getName()));
        command.addAll(List.of(arguments));
        command.add("--spring.datasource.hikari.maximum-pool-size=5");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the rebuild did not end within 180 s: " + Files.readString(output));
        }
        return process.exitValue();
    }
}
