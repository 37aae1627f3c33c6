package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real browser for the end-to-end tests: Debian's headless Chromium loads a page, runs its scripts and hands back
 * the page as it then stands. On a developer machine without Chromium a test using it is skipped; CI installs it
 * ({@code apt-get install -y chromium}) and always runs it.
 */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {}

    /** Skips the calling test where Chromium is missing, unless this is CI, where a missing browser fails it. */
    static void assumeInstalled() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) || "true".equals(System.getenv("CI")),
                "Chromium is not installed (apt-get install -y chromium)");
    }

    /**
     * The DOM of {@code url} once the page is done: Chromium runs on virtual time, which stands still while a
     * request is on its way, so the page's own fetches all finish within the budget; Chromium itself gets two
     * minutes. {@code profile} is an empty directory of the test's for the browser's profile.
     */
    static String dom(String url, Path profile) throws IOException, InterruptedException {
        Path dom = profile.resolveSibling(profile.getFileName() + ".html");
        Process chromium = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=15000",
                        "--dump-dom",
                        url)
                .redirectOutput(dom.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertThat(chromium.waitFor(120, TimeUnit.SECONDS))
                    .as("Chromium finished")
                    .isTrue();
        } finally {
            chromium.destroyForcibly();
        }
        try {
            return Files.readString(dom, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(dom);
        }
    }
}
