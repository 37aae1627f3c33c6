package dev.platform.command.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's account ({@code platform.admin.*}), created at start when an e-mail and a password are set.
 *
 * @param email the operator's login; empty: no operator account
 * @param password the operator's password; empty: no operator account
 * @param username the operator's username, reserved for it even before the account exists
 */
@ConfigurationProperties("platform.admin")
record AdminProperties(
        @DefaultValue("") String email,
        @DefaultValue("") String password,
        @DefaultValue("admin") String username) {}
