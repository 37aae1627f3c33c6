package dev.platform.query.user;

import java.util.function.Supplier;

/**
 * Told of every statement of {@code user_view} that can take a creator out of the lists of posts (an erasure, the
 * table emptied), so that whoever keeps those lists (the post package's cache of reads) can follow. An interface
 * here, implemented above: the user package stays below the post package.
 */
public interface UserViewWrites {

    /** Nobody to tell. */
    UserViewWrites NONE = new UserViewWrites() {
        @Override
        public <T> T writeUserView(Supplier<T> statement) {
            return statement.get();
        }
    };

    /** Runs {@code statement}, in the caller's transaction if there is one. */
    <T> T writeUserView(Supplier<T> statement);
}
