/** Posts on the read side: the post read model, its projection, and the endpoints that read single posts and lists. */
package dev.platform.query.post;
