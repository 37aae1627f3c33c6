package dev.platform.query.post;

import dev.platform.api.common.ErrorCode;
import dev.platform.api.post.PostId;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AuthenticatedUser;
import dev.platform.infra.web.Refusals;
import org.springframework.stereotype.Component;

/**
 * Who may touch a post's creator-only resources ({@code /history}, {@code ?as_of}, {@code /stats}): its creator,
 * and for some of them an admin. Anyone else gets 404 while the post is a draft (it does not exist for them) and
 * 403 once it is published. A deleted post is 404 to everyone, its creator included, except to an admin where the
 * resource admits admins: its history stays readable for the audit. Creator and status come from {@code post_view},
 * which every write waits for.
 */
@Component
public class PostAccess {

    private final PostViewTable posts;

    PostAccess(PostViewTable posts) {
        this.posts = posts;
    }

    /** Whether an admin may see the resource as its creator does. */
    public enum Admins {
        ALLOWED,
        REFUSED
    }

    /** The post's creator, when the caller may see the resource; else the 404 or 403 the contract names. */
    public UserId creatorOnly(PostId id, AuthenticatedUser caller, Admins admins, String resource) {
        PostViewTable.Standing owner =
                posts.standing(id).orElseThrow(() -> Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post"));
        if (owner.deleted()) {
            if (admins == Admins.ALLOWED && caller.isAdmin()) {
                return owner.creatorId();
            }
            throw Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post");
        }
        if (caller.is(owner.creatorId()) || (admins == Admins.ALLOWED && caller.isAdmin())) {
            return owner.creatorId();
        }
        if (!owner.published()) {
            throw Refusals.notFound(ErrorCode.POST_NOT_FOUND, "Post");
        }
        throw Refusals.forbidden("Only the post's creator may see its " + resource + ".");
    }
}
