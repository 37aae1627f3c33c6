package dev.platform.infra.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/** The API's JSON: snake_case (platform-defaults.yml) and instants always as {@code 2026-11-25T18:51:51.123Z}. */
@Configuration
class WebJson {

    static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** 0001-01-01T00:00:00Z and the last second of 9999: the years {@link #format} writes itself. */
    private static final long FIRST_SECOND = -62135596800L;

    private static final long LAST_SECOND = 253402300799L;

    /**
     * What {@link #INSTANT} writes, written digit by digit for the years 1 to 9999 (the formatter for any other):
     * the formatter was 8 % of a list request's thread, which writes 60 instants (issue 17). {@code WebJsonTest} holds
     * the two to the same text.
     */
    static String format(Instant value) {
        long seconds = value.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return INSTANT.format(value);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        char[] text = new char[24];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, value.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer instantsWithMillis() {
        return builder -> builder.serializerByType(Instant.class, new JsonSerializer<Instant>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(format(value));
            }
        });
    }

    /** In place of Spring Boot's converter: the same mapper, bodies sent with their length ({@link SizedJson}). */
    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper mapper) {
        return new SizedJson(mapper);
    }
}
