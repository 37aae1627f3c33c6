package dev.platform.command.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The login throttle's housekeeping ({@code platform.login-throttle.*}).
 *
 * @param purgeInterval how often failures older than the throttle's window are deleted
 */
@ConfigurationProperties("platform.login-throttle")
record LoginThrottleProperties(@DefaultValue("5m") Duration purgeInterval) {}
