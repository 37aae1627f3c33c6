package dev.platform.query.projection;

import dev.platform.api.common.DomainException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The rebuild from the command line: {@code --platform.rebuild=users} (or {@code users,subscriptions}) starts the
 * application, rebuilds each named projection as the admin endpoint does, waits until each has replayed up to the
 * head of the moment it was asked, and exits with 0; with 1 when a name is unknown, the rebuild is refused (a
 * saga, or another node holds claims of the group) or fails.
 */
@Component
@ConditionalOnProperty("platform.rebuild")
class RebuildCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RebuildCommand.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REPORT = Duration.ofSeconds(5);

    private final EventProcessors processors;
    private final ConfigurableApplicationContext context;
    private final String names;

    RebuildCommand(
            EventProcessors processors,
            ConfigurableApplicationContext context,
            @Value("${platform.rebuild}") String names) {
        this.processors = processors;
        this.context = context;
        this.names = names;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code = rebuild();
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** The rebuild and its exit code, apart from the exit itself (package-private for tests). */
    int rebuild() {
        Map<String, Long> targets = new LinkedHashMap<>();
        try {
            for (String name : names.split(",")) {
                String trimmed = name.trim();
                if (!trimmed.isEmpty()) {
                    targets.put(trimmed, processors.rebuild(trimmed).head());
                }
            }
            long reported = System.nanoTime();
            while (!targets.isEmpty()) {
                for (var target : Map.copyOf(targets).entrySet()) {
                    ProjectionStatus status = processors.status(target.getKey()).orElseThrow();
                    if (status.hasRebuiltUpTo(target.getValue())) {
                        log.info("rebuilt {} up to position {}", target.getKey(), status.position());
                        targets.remove(target.getKey());
                    } else if (System.nanoTime() - reported > REPORT.toNanos()) {
                        log.info(
                                "rebuilding {}: position {} of {}",
                                target.getKey(),
                                status.position(),
                                target.getValue());
                        reported = System.nanoTime();
                    }
                }
                if (!targets.isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                }
            }
            return 0;
        } catch (DomainException e) {
            log.error(
                    "rebuild refused: {} ({})", e.getMessage(), e.fieldErrors().isEmpty() ? e.code() : e.fieldErrors());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            log.error("rebuild failed", e);
            return 1;
        }
    }
}
