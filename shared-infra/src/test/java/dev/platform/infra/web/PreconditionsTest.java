package dev.platform.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.api.common.ExpectedVersion;
import org.junit.jupiter.api.Test;

class PreconditionsTest {

    private static final Preconditions OPTIONAL = new Preconditions(new ConditionalRequestProperties(false));
    private static final Preconditions REQUIRED = new Preconditions(new ConditionalRequestProperties(true));

    @Test
    void withoutIfMatchAWriteIsUnconditionalByDefault() {
        assertThat(OPTIONAL.ifMatch(null)).isEmpty();
    }

    @Test
    void withoutIfMatchAWriteIs428WhenItIsRequired() {
        DomainException refused = catchThrowableOfType(DomainException.class, () -> REQUIRED.ifMatch(null));
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.PRECONDITION_REQUIRED);
        assertThat(refused.code().status()).isEqualTo(428);
    }

    @Test
    void anIfMatchIsReadTheSameWhetherRequiredOrNot() {
        assertThat(REQUIRED.ifMatch("\"2.public\"")).contains(ExpectedVersion.of(2));
        assertThat(OPTIONAL.ifMatch("\"2.public\"")).contains(ExpectedVersion.of(2));
        assertThat(REQUIRED.ifMatch("*")).isEmpty();
    }
}
