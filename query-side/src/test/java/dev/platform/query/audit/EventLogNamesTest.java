package dev.platform.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code event_type} of the audit and history answers: the stored payload type's simple name. */
class EventLogNamesTest {

    @Test
    void theEventTypeIsThePayloadTypesSimpleName() {
        assertThat(EventLog.simpleName("dev.platform.api.user.UserRegistered")).isEqualTo("UserRegistered");
    }

    @Test
    void aNestedTypeIsNamedWithoutItsOuterType() {
        assertThat(EventLog.simpleName("dev.platform.api.post.Events$PostPublished"))
                .isEqualTo("PostPublished");
    }

    @Test
    void aTypeWithoutAPackageKeepsItsName() {
        assertThat(EventLog.simpleName("Legacy")).isEqualTo("Legacy");
    }
}
