package dev.platform.notification;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code platform.notifications.*} as the application binds them, without a Spring context: the record's own
 * defaults, with the given properties over them. Tests read their values from here instead of repeating them.
 */
final class NotificationDefaults {

    private NotificationDefaults() {}

    static NotificationProperties defaults() {
        return with(Map.of());
    }

    /** @param properties relaxed names under {@code platform.notifications}, e.g. {@code "dispatch-batch": "2"} */
    static NotificationProperties with(Map<String, String> properties) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        properties.forEach((name, value) -> source.put("platform.notifications." + name, value));
        return new Binder(source).bindOrCreate("platform.notifications", NotificationProperties.class);
    }
}
