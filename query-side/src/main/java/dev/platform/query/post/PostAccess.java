package dev.platform.query.post;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PostId;
import dev.platform.api.post.PostStatus;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Refusals;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may touch a post's creator-only resources ({@code /history}, {@code ?as_of}, {@code /stats}): its creator,
 * and for some of them an admin. Anyone else gets 404 while the post is a draft (it does not exist for them) and
 * 403 once it is published. Creator and status come from {@code post_view}, which every write waits for.
 */
@Component
public class PostAccess {

    private final JdbcTemplate jdbc;

    PostAccess(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether an admin may see the resource as its creator does. */
    public enum Admins {
        ALLOWED,
        REFUSED
    }

    /** The post's creator, when the caller may see the resource; else the 404 or 403 the contract names. */
    public UserId creatorOnly(PostId id, AuthenticatedUser caller, Admins admins, String resource) {
        record Owner(UserId creatorId, boolean published) {}
        Owner owner = jdbc
                .query(
                        "SELECT creator_id, status FROM post_view WHERE id = ?",
                        (rs, row) -> new Owner(
                                new UserId(rs.getObject(1, UUID.class)),
                                PostStatus.PUBLISHED.apiName().equals(rs.getString(2))),
                        id.value())
                .stream()
                .findFirst()
                .orElseThrow(() -> Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post"));
        if (caller.is(owner.creatorId()) || (admins == Admins.ALLOWED && caller.isAdmin())) {
            return owner.creatorId();
        }
        if (!owner.published()) {
            throw Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post");
        }
        throw Refusals.forbidden("Only the post's creator may see its " + resource + ".");
    }
}
