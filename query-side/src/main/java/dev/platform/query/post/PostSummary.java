package dev.platform.query.post;

import dev.platform.api.post.PostId;
import java.time.Instant;

/** A post as a creator's list shows it ({@code publishAt}: while it is scheduled, the instant it publishes). */
record PostSummary(PostId id, String title, String status, Instant publishedAt, Instant publishAt) {}
