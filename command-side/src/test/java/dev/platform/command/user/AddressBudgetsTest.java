package dev.platform.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressBudgetsTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final AddressBudgets budgets = new AddressBudgets(3, 1000, nanos::get);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void anAddressMaySpendItsMinutesBudgetAtOnceThenWaitsForTheNextRequest() {
        assertThat(budgets.spend("10.0.0.1")).isEmpty();
        assertThat(budgets.spend("10.0.0.1")).isEmpty();
        assertThat(budgets.spend("10.0.0.1")).isEmpty();

        // One request per 20 s comes back: the next is 20 s away.
        assertThat(budgets.spend("10.0.0.1")).isEqualTo(OptionalLong.of(20));
        advance(Duration.ofMillis(19_500));
        assertThat(budgets.spend("10.0.0.1")).isEqualTo(OptionalLong.of(1));
        advance(Duration.ofMillis(500));
        assertThat(budgets.spend("10.0.0.1")).isEmpty();
        assertThat(budgets.spend("10.0.0.1")).isPresent();
    }

    @Test
    void refusedRequestsDoNotPushTheWaitFurther() {
        for (int i = 0; i < 3; i++) {
            budgets.spend("10.0.0.1");
        }
        for (int i = 0; i < 50; i++) {
            assertThat(budgets.spend("10.0.0.1")).isEqualTo(OptionalLong.of(20));
        }
    }

    @Test
    void eachAddressHasItsOwnBudgetAndAMinuteRestoresAllOfIt() {
        for (int i = 0; i < 3; i++) {
            budgets.spend("10.0.0.1");
        }
        assertThat(budgets.spend("10.0.0.1")).isPresent();
        assertThat(budgets.spend("10.0.0.2")).isEmpty();

        advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(budgets.spend("10.0.0.1")).isEmpty();
        }
        assertThat(budgets.spend("10.0.0.1")).isPresent();
    }

    @Test
    void ipv6ClientsCountPer64AndMappedIpv4AsIpv4() {
        assertThat(ClientAddressLimit.clientKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(ClientAddressLimit.clientKey("2001:db8:1:2:bbbb::2"))
                .isNotEqualTo(ClientAddressLimit.clientKey("2001:db8:1:3::1"));
        assertThat(ClientAddressLimit.clientKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddressLimit.clientKey("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
