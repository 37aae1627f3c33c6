package dev.platform.command.user;

import dev.platform.infra.schedule.PeriodicTask;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Frees the e-mail addresses and usernames of erased people once their quarantine has ended, every {@code
 * platform.erasure.release-interval}. A claim is free from its instant on whether or not this has run (the claim
 * check compares the instant); this only deletes what is no longer needed. Each node runs it; two at once only find
 * less to delete.
 */
@Component
class ErasureQuarantine extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ErasureQuarantine.class);

    private final UserAccounts accounts;
    private final Clock clock;

    ErasureQuarantine(UserAccounts accounts, Clock clock, ErasureProperties properties) {
        super("erasure-quarantine", properties.releaseInterval());
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    protected void round() {
        int released = accounts.releaseQuarantine(clock.instant());
        if (released > 0) {
            log.info("released {} quarantined account claims of erased users", released);
        }
    }
}
