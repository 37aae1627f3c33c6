package dev.platform.notification;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The e-mail rate of the whole platform: one bucket in PostgreSQL, taken from in chunks by each node. */
@Configuration
@EnableConfigurationProperties(PlatformRateProperties.class)
class PlatformRateConfiguration {

    @Bean
    PlatformRate platformRate(
            SharedRateBucket bucket, NotificationProperties notifications, PlatformRateProperties properties) {
        double ratePerSecond = notifications.ratePerSecond();
        int chunk = properties.rateChunk() > 0 ? properties.rateChunk() : PlatformRate.defaultChunk(ratePerSecond);
        int capacity = PlatformRate.capacity(chunk);
        return new PlatformRate(
                wanted -> bucket.take(SharedRateBucket.EMAIL, wanted, ratePerSecond, capacity), ratePerSecond, chunk);
    }
}
