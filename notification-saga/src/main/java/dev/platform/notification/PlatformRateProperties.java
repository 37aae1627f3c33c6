package dev.platform.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.notifications.rate-chunk}: the platform's e-mail rate is {@link
 * NotificationProperties#ratePerSecond()}; this is how a node takes it from the shared bucket.
 *
 * @param rateChunk the most tokens a node takes from the shared bucket per database round trip (the bucket holds
 *     two); the platform sends at most {@code rate-per-second + 3 × rate-chunk} e-mails in any second. 0 or less: a
 *     fiftieth of the rate, at least 1
 */
@ConfigurationProperties("platform.notifications")
record PlatformRateProperties(@DefaultValue("0") int rateChunk) {}
