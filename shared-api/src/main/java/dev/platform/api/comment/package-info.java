/** Comments on published posts: the command that adds one (top level or a reply), its event and the rules it can break. */
package dev.platform.api.comment;
