/** Users on the read side: the profile read model and the endpoint that reads it. */
package dev.platform.query.user;
