package dev.platform.command;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

/** Matchers for the aggregate tests' {@code expectException}. */
public final class DomainExceptions {

    private DomainExceptions() {}

    /** A {@link DomainException} carrying {@code code}. */
    public static Matcher<Throwable> withCode(ErrorCode code) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object item) {
                return item instanceof DomainException e && e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a domain exception with code " + code);
            }
        };
    }
}
