/**
 * Comments on published posts: the commands that add one (top level or a reply), edit it and remove it (its author,
 * moderation by the post's creator or an admin, an erasure), their events and the rules they can break.
 */
package dev.platform.api.comment;
