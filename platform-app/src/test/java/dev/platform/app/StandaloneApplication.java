package dev.platform.app;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** An all-in-one application of a test's own, on a random port and a database of its own, to stop or break. */
final class StandaloneApplication {

    private StandaloneApplication() {}

    static ConfigurableApplicationContext start(String jdbcUrl, String... arguments) {
        // Arguments, not default properties: those rank below platform-defaults.yml.
        return new SpringApplicationBuilder(PlatformApplication.class).run(arguments(jdbcUrl, arguments));
    }

    /** The command line of an application on a random port against this database, with further arguments. */
    static String[] arguments(String jdbcUrl, String... arguments) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(
                "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + TestDatabase.user(),
                "--spring.datasource.password=" + TestDatabase.password()));
        all.addAll(java.util.List.of(arguments));
        return all.toArray(String[]::new);
    }

    static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
