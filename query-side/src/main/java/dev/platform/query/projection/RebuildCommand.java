package dev.platform.query.projection;

import dev.platform.api.common.DomainException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * application, rebuilds each named projection as the admin endpoint does (beside the live tables, switched in once
 * caught up: {@link Rebuilds}), logs each one's comparison with the live tables, waits until each is switched in
 * (a group rebuilt in place: replayed up to the head of the moment it was asked), and exits with 0; with 1 when a
 * name is unknown, the rebuild is refused (a saga, or a rebuild of the group runs) or fails.
 */
@Component
@ConditionalOnProperty("platform.rebuild")
class RebuildCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RebuildCommand.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REPORT = Duration.ofSeconds(5);

    private final Rebuilds rebuilds;
    private final ConfigurableApplicationContext context;
    private final String names;

    RebuildCommand(
            Rebuilds rebuilds, ConfigurableApplicationContext context, @Value("${platform.rebuild}") String names) {
        this.rebuilds = rebuilds;
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
        Set<String> targets = new LinkedHashSet<>();
        try {
            for (String name : names.split(",")) {
                String trimmed = name.trim();
                if (!trimmed.isEmpty() && targets.add(trimmed)) {
                    rebuilds.start(trimmed, false);
                }
            }
            long reported = System.nanoTime();
            while (!targets.isEmpty()) {
                for (String target : List.copyOf(targets)) {
                    if (rebuilds.done(target)) {
                        RebuildStatus status = rebuilds.status(target).orElseThrow();
                        log.info("rebuild of {} done: {}", target, status.diff() == null ? "in place" : status.diff());
                        targets.remove(target);
                    } else if (System.nanoTime() - reported > REPORT.toNanos()) {
                        rebuilds.status(target)
                                .ifPresent(status -> log.info(
                                        "rebuilding {}: {}: position {} of {}, {} events/s, {} s left",
                                        target,
                                        status.state(),
                                        status.progress().position(),
                                        status.progress().head(),
                                        status.progress().eventsPerSecond(),
                                        status.progress().secondsLeft()));
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
