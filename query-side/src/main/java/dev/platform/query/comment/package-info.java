/** Comments on the read side: the comment read model, its projection, and the endpoint that lists a post's comments. */
package dev.platform.query.comment;
