package dev.platform.api.subscription;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;

/** A user tried to subscribe to themselves. */
public class SelfSubscriptionNotAllowed extends DomainException {
    public SelfSubscriptionNotAllowed() {
        super(ErrorCode.VALIDATION_FAILED, "You cannot subscribe to yourself.");
    }
}
