package dev.platform.infra.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.platform.infra.personaldata.PersonalFields;
import dev.platform.infra.personaldata.SealingSerializer;
import java.time.Instant;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Jackson everywhere in Axon, with a mapper of Axon's own: the web mapper's snake_case and settings must never
 * change the stored format.
 */
@Configuration
class SerializerConfiguration {

    /**
     * The one serializer of events, messages, snapshots, tokens and sagas: Jackson, with the personal fields of user
     * events sealed with their user's key in whatever Axon stores ({@link SealingSerializer}).
     */
    @Bean
    @Primary
    Serializer serializer(PersonalFields personalFields) {
        return new SealingSerializer(jackson(), personalFields);
    }

    /** Axon's Jackson serializer with the platform's own mapper (what the stored JSON looks like). */
    static JacksonSerializer.Builder jackson() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                // After the JavaTimeModule, so that its instant deserializer is the one asked first.
                .registerModule(
                        new SimpleModule("platform-instants").addDeserializer(Instant.class, new FastInstants()))
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(mapper);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }
}
