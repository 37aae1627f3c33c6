package dev.platform.command.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Erasure of a person ({@code platform.erasure.*}, docs/audit.md).
 *
 * @param quarantine how long an erased person's e-mail address and username stay taken before anyone may register
 *     them again
 * @param releaseInterval how often the quarantines that have ended are deleted
 */
@ConfigurationProperties("platform.erasure")
record ErasureProperties(
        @DefaultValue("30d") Duration quarantine,
        @DefaultValue("1m") Duration releaseInterval) {}
