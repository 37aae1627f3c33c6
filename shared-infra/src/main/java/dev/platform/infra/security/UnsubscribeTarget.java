package dev.platform.infra.security;

import dev.platform.api.user.UserId;

/** What a valid unsubscribe link names: the subscription of this subscriber to this creator. */
public record UnsubscribeTarget(UserId subscriberId, UserId creatorId) {}
