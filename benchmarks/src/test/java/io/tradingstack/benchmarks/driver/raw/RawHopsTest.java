package io.tradingstack.benchmarks.driver.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.NewsTick;

import org.junit.jupiter.api.Test;

class RawHopsTest {

    @Test
    void shouldFindTheTsOfAFrameTheCodecWrote() {
        byte[] payload = new MessageCodec().toPayload(new NewsTick(7, 42, "AAPL", 80, "a \"ts\": in the headline", 1_796_000_000_123_456_789L));

        long ts = RawHops.longAfter(payload, payload.length, "\"ts\":".getBytes(StandardCharsets.US_ASCII));

        assertThat(ts).isEqualTo(1_796_000_000_123_456_789L);
    }

    @Test
    void shouldRefuseAFrameWithoutTheField() {
        byte[] payload = "{\"type\":\"heartbeat\"}".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> RawHops.longAfter(payload, payload.length, "\"originTs\":".getBytes(StandardCharsets.US_ASCII)))
            .hasMessageContaining("originTs");
    }
}
