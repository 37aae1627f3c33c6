package dev.platform.infra.personaldata;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Personal data in the event store ({@code platform.personal-data.*}, docs/audit.md).
 *
 * @param migration when the rewrite of user events stored in clear runs at start: {@code once} (until it has
 *     finished once on this database), {@code always} (a scan at every start: after restoring events written by an
 *     older version), or {@code off}
 */
@ConfigurationProperties("platform.personal-data")
public record PersonalDataProperties(@DefaultValue("once") Migration migration) {

    public enum Migration {
        ONCE,
        ALWAYS,
        OFF
    }
}
