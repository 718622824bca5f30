package io.tradingstack.ordermanager.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderServerTest {

    @Test
    void shouldMakeAClientOrderIdPrintableAndCutItTo64Characters() {
        assertThat(OrderProtocol.printable("")).isEmpty();
        assertThat(OrderProtocol.printable("a\tb\u00e9c")).isEqualTo("a?b?c");
        assertThat(OrderProtocol.printable("y".repeat(100))).hasSize(64);
    }

    @Test
    void shouldMatchATokenOnlyForItsStrategy() {
        StrategyTokens tokens = new StrategyTokens(Map.of("alpha", "a-secret", "beta", "b-secret"));
        assertThat(tokens.required()).isTrue();
        assertThat(tokens.matches("alpha", "a-secret")).isTrue();
        assertThat(tokens.matches("alpha", "b-secret")).isFalse();
        assertThat(tokens.matches("alpha", "a-secre")).isFalse();
        assertThat(tokens.matches("alpha", "")).isFalse();
        assertThat(tokens.matches("gamma", "a-secret")).isFalse();
        assertThat(new StrategyTokens(Map.of()).required()).isFalse();
    }
}
