package dev.platform.query.post;

import dev.platform.api.post.PostId;
import java.time.Instant;

/** A post as a creator's list shows it. */
record PostSummary(PostId id, String title, String status, Instant publishedAt) {}
