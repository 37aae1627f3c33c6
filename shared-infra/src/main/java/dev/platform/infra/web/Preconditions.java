package dev.platform.infra.web;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ExpectedVersion;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Turns a write's {@code If-Match} header into the expected version its command carries (the aggregate checks it,
 * see {@link ExpectedVersion}), and refuses a write without one when {@code platform.api.require-if-match} says so.
 */
@Component
@EnableConfigurationProperties(ConditionalRequestProperties.class)
public class Preconditions {

    private final boolean ifMatchRequired;

    public Preconditions(ConditionalRequestProperties properties) {
        this.ifMatchRequired = properties.requireIfMatch();
    }

    /**
     * The versions the write may change, from its {@code If-Match} header ({@code null}: none sent); empty when
     * the write is unconditional (no header, or {@code *}). 428 when the header is required and missing, 400 when it
     * is malformed ({@link EntityTags#expectedVersions}).
     */
    public Optional<ExpectedVersion> ifMatch(String header) {
        if (header == null) {
            if (ifMatchRequired) {
                throw new DomainException(
                        ErrorCode.PRECONDITION_REQUIRED,
                        "This write must be conditional: send If-Match with the ETag of the resource as you read it.");
            }
            return Optional.empty();
        }
        return EntityTags.expectedVersions(header);
    }
}
