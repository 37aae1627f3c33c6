package dev.platform.infra.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.cors.*}: the origins (scheme, host and port, e.g. {@code https://app.example.com}) whose browser
 * pages may call the API, and how long a browser may keep a preflight's answer. None by default: the API then
 * answers no cross-origin request, and a browser lets only pages of its own origin call it.
 */
@ConfigurationProperties("platform.cors")
public record CorsProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("1h") Duration maxAge) {}
