package dev.platform.api.post;

/** What a post did with a {@link PublishScheduledPost}: published itself, or nothing (no longer due for it). */
public enum ScheduledPublication {
    PUBLISHED,
    STALE
}
