package dev.platform.api.notification;

import dev.platform.api.post.PostId;
import java.time.Instant;

/**
 * Emitted by the notification side once it has recorded who gets an e-mail about a publication: the
 * subscribers active at that moment who were never e-mailed about the post. The saga dispatches the e-mails
 * from there.
 *
 * @param recipients how many new deliveries this publication added to the ledger
 */
public record RecipientsSelected(PostId postId, Instant publishedAt, int recipients) {}
