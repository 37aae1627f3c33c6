package dev.platform.command.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-address budget of register and login requests ({@code platform.client-limit.*}, {@link
 * ClientAddressLimit}). Off by default: one address may be many users behind NAT. Behind a proxy also set
 * {@code server.forward-headers-strategy}.
 *
 * @param enabled whether the budget applies
 * @param requestsPerMinute requests one address may make per minute
 * @param maxAddresses addresses remembered at once (the budgets' memory is bounded)
 */
@ConfigurationProperties("platform.client-limit")
record ClientLimitProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("60") int requestsPerMinute,
        @DefaultValue("100000") long maxAddresses) {}
