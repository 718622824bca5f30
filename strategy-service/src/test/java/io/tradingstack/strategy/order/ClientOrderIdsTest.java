package io.tradingstack.strategy.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.strategy.signal.StrategyDefinition;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {

    @Test
    void shouldNeverRepeatAnIdAcrossRestarts() {
        Set<String> seen = new HashSet<>();
        long now = System.currentTimeMillis();
        // Two "restarts" of the same strategy, even when the wall clock gives both the same millisecond.
        ClientOrderIds first = new ClientOrderIds("momentum-1", now);
        ClientOrderIds second = new ClientOrderIds("momentum-1", now);
        ClientOrderIds third = new ClientOrderIds("momentum-1");

        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(first.next())).isTrue();
            assertThat(seen.add(second.next())).isTrue();
            assertThat(seen.add(third.next())).isTrue();
        }
        assertThat(first.start()).isNotEqualTo(second.start()).isNotEqualTo(third.start());
        assertThat(seen).hasSize(30_000);
    }

    @Test
    void shouldPrefixTheStrategyIdAndCountInBase36() {
        ClientOrderIds ids = new ClientOrderIds("momentum-1", 1_750_000_000_000L);
        String start = ids.start();

        assertThat(ids.next()).isEqualTo("momentum-1-" + start + "-1");
        for (int i = 2; i < 36; i++) {
            ids.next();
        }
        assertThat(ids.next()).isEqualTo("momentum-1-" + start + "-10");
        assertThat(ids.issued()).isEqualTo(36);
    }

    @Test
    void shouldStayWithin64PrintableAsciiCharactersForTheLongestStrategyId() {
        String longestId = "x".repeat(32);
        assertThat(longestId).matches(StrategyDefinition.ID_PATTERN);
        ClientOrderIds ids = new ClientOrderIds(longestId, Long.MAX_VALUE / 2);

        String id = ids.next();

        assertThat(id).hasSizeLessThanOrEqualTo(ClientOrderIds.MAX_LENGTH).matches("[!-~]+").startsWith(longestId + "-");
    }

    @Test
    void shouldRefuseAStrategyIdThatCouldOverflowTheLimit() {
        assertThatThrownBy(() -> new ClientOrderIds("y".repeat(50))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("max=64");
        assertThatThrownBy(() -> new ClientOrderIds("has space")).isInstanceOf(IllegalArgumentException.class);
    }
}
