/**
 * Post-view analytics: views of posts go to RabbitMQ without ever holding up a reader, a consumer records each
 * once and counts it into the post's count ({@code analytics_view_count}, which the post read joins as {@code
 * view_count}), and a post's creator reads the totals.
 */
package dev.platform.query.analytics;
