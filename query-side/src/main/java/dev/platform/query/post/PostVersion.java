package dev.platform.query.post;

/**
 * A post folded up to {@code version}, the sequence number of its last event folded in: what the projection writes
 * to a row of {@code post_view}.
 */
record PostVersion(FoldedPost post, long version) {}
