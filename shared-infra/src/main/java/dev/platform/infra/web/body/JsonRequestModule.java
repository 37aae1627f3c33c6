package dev.platform.infra.web.body;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.stereotype.Component;

/**
 * Puts {@link JsonRequestDeserializer} in front of every {@link JsonRequest} record in the web mapper (Spring Boot
 * registers every Jackson module bean in it). A component, so that web test slices get it too.
 */
@Component
class JsonRequestModule extends SimpleModule {

    JsonRequestModule() {
        super("json-requests");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                return JsonRequest.class.isAssignableFrom(description.getBeanClass())
                        ? new JsonRequestDeserializer(description)
                        : deserializer;
            }
        });
    }
}
