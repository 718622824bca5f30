package io.tradingstack.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AgentErrorHandlerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AgentErrorHandler errors = new AgentErrorHandler("test-agent", registry);

    @Test
    void shouldCountEveryErrorButLogEachDistinctOneOnce() {
        for (int seq = 0; seq < 5; seq++) {
            errors.onError(failure("bad frame seq=" + seq)); // one throw site, messages that differ
        }
        errors.onError(new IllegalArgumentException("another class"));

        assertThat(count()).isEqualTo(6);
        assertThat(errors.distinctErrors()).isEqualTo(2);
    }

    @Test
    void shouldCountAndRethrowAnError() {
        AssertionError bug = new AssertionError("single writer broken");

        assertThatThrownBy(() -> errors.onError(bug)).isSameAs(bug);
        assertThat(count()).isEqualTo(1);
    }

    private double count() {
        return registry.get("trading.agent.errors").tag("agent", "test-agent").counter().count();
    }

    private static RuntimeException failure(String message) {
        return new IllegalStateException(message);
    }
}
