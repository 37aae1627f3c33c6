package dev.platform.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The notification side alone: the new-post saga and its e-mail workers, configured by {@code notification-saga.yml}. */
@SpringBootApplication(scanBasePackages = {"dev.platform.infra", "dev.platform.notification"})
public class NotificationSagaApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(NotificationSagaApplication.class)
                .properties("spring.config.name=notification-saga")
                .run(args);
    }
}
