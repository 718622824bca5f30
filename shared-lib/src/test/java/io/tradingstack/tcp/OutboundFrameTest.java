package io.tradingstack.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Heartbeat;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;

class OutboundFrameTest {

    @Test
    void shouldCarryThePayloadWithNoIdAndNoTimestamp() {
        Heartbeat heartbeat = new Heartbeat(7, 3, 1_000L);

        Message<Heartbeat> message = OutboundFrame.of(heartbeat);

        assertThat(message.getPayload()).isSameAs(heartbeat);
        assertThat(message.getHeaders()).isEmpty();
        assertThat(message.getHeaders().getId()).isNull();
        assertThat(message.getHeaders().getTimestamp()).isNull();
    }
}
