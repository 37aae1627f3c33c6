package dev.platform.api.subscription;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/** The subscriber never subscribed to this creator, so there is nothing to cancel. */
public class SubscriptionNotFound extends DomainException {
    public SubscriptionNotFound() {
        super(ErrorCode.SUBSCRIPTION_NOT_FOUND, "You have never subscribed to this creator.");
    }
}
