package dev.platform.infra.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.unsubscribe.*}: the key of the one-click unsubscribe links in e-mails ({@link UnsubscribeTokens}),
 * separate from the JWT secret so either can be rotated alone.
 *
 * @param secret signs new links; at least 32 bytes. The default is for a developer's machine only; the {@code prod}
 *     profile refuses it
 * @param previousSecrets still accepted when a link is checked, never used to sign: after a rotation, the links in
 *     e-mails already sent keep working while their old key is listed here
 */
@ConfigurationProperties("platform.unsubscribe")
public record UnsubscribeProperties(
        @DefaultValue(DEV_SECRET) String secret,
        @DefaultValue List<String> previousSecrets) {

    public static final String DEV_SECRET = "dev-only-unsubscribe-secret-do-not-use-in-production-0123";
}
