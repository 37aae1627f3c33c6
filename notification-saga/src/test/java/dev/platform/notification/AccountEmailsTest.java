package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * The account e-mail ledger against PostgreSQL, where the race lives: the publisher holds a due row from its read
 * to its mark as {@code queued}, and the message it published can reach a worker before that commit; and the claim
 * reads whether the person was erased.
 */
class AccountEmailsTest {

    @RegisterExtension
    static final NotificationDatabase database = new NotificationDatabase();

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Test
    void aMessageThatReachesItsWorkerBeforeThePublisherCommitsIsClaimedOnceTheCommitLands() throws Exception {
        SingleConnectionDataSource publisherSession = database.session();
        SingleConnectionDataSource workerSession = database.session();
        try {
            raceOfTheClaimWithThePublishersCommit(new JdbcTemplate(publisherSession), new JdbcTemplate(workerSession));
        } finally {
            publisherSession.destroy();
            workerSession.destroy();
        }
    }

    private void raceOfTheClaimWithThePublishersCommit(JdbcTemplate publisherSide, JdbcTemplate workerSide)
            throws Exception {
        UUID user = UUID.randomUUID();
        new AccountEmails(publisherSide, CLOCK).request(user, AccountEmails.VERIFY, 1);
        UUID id = publisherSide.queryForObject("SELECT id FROM account_email WHERE user_id = ?", UUID.class, user);

        // The publisher's transaction, as AccountMailPublisher runs it: read the due rows (held), publish, mark.
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(publisherSide.getDataSource());
        TransactionStatus publishing = transactions.getTransaction(new DefaultTransactionDefinition());
        AccountEmails publisher = new AccountEmails(publisherSide, CLOCK);
        assertThat(publisher.due(10)).contains(id);
        publisher.markQueued(List.of(id), CLOCK.instant().plusSeconds(300));

        // The worker's claim runs before the commit: it must wait for it, not pass the row by.
        String marker = "claim-" + UUID.randomUUID();
        CompletableFuture<Optional<AccountEmails.Claim>> claim = CompletableFuture.supplyAsync(() -> {
            workerSide.execute("SET application_name = '" + marker + "'");
            return new AccountEmails(workerSide, CLOCK).claim(id, false, LEASE);
        });
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> claim.isDone() || waitsOnALock(marker));
            assertThat(claim).as("the claim waits for the publisher's commit").isNotDone();
        } finally {
            transactions.commit(publishing);
        }

        Optional<AccountEmails.Claim> claimed = claim.get(20, TimeUnit.SECONDS);
        assertThat(claimed).as("claimed once the publisher committed").isPresent();
        assertThat(claimed.get().userId()).isEqualTo(user);
        assertThat(claimed.get().attempt()).isEqualTo(1);
        assertThat(status(id)).isEqualTo("sending");
    }

    @Test
    void aSelectedRowIsClaimedAndASecondCopyOfItsMessageFindsItTaken() {
        UUID user = UUID.randomUUID();
        AccountEmails emails = new AccountEmails(database.jdbc(), CLOCK);
        emails.request(user, AccountEmails.VERIFY, 1);
        UUID id = database.jdbc().queryForObject("SELECT id FROM account_email WHERE user_id = ?", UUID.class, user);

        assertThat(emails.claim(id, false, LEASE)).isPresent();
        assertThat(status(id)).isEqualTo("sending");
        assertThat(emails.claim(id, false, LEASE))
                .as("a second copy of the message finds it taken")
                .isEmpty();
    }

    @Test
    void aClaimTellsOfAnErasureThisSideHasNotSeenYet() {
        UUID erased = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        AccountEmails emails = new AccountEmails(database.jdbc(), CLOCK);
        emails.request(erased, AccountEmails.VERIFY, 1);
        emails.request(kept, AccountEmails.VERIFY, 1);
        // The erasure's own transaction marks the key erased; its UserErased has not reached this side.
        database.jdbc()
                .update(
                        "INSERT INTO personal_data_key (user_id, key_id, secret, created_at, erased_at) "
                                + "VALUES (?, 'none', NULL, now(), now())",
                        erased);

        assertThat(emails.claim(idOf(erased), false, LEASE).orElseThrow().erased())
                .isTrue();
        assertThat(emails.claim(idOf(kept), false, LEASE).orElseThrow().erased())
                .isFalse();
    }

    private static UUID idOf(UUID user) {
        return database.jdbc().queryForObject("SELECT id FROM account_email WHERE user_id = ?", UUID.class, user);
    }

    private static boolean waitsOnALock(String applicationName) {
        return Boolean.TRUE.equals(database.jdbc()
                .queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = ? "
                                + "AND wait_event_type = 'Lock')",
                        Boolean.class,
                        applicationName));
    }

    private static String status(UUID id) {
        return database.jdbc().queryForObject("SELECT status FROM account_email WHERE id = ?", String.class, id);
    }
}
