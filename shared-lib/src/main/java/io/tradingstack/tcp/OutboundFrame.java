package io.tradingstack.tcp;

import java.util.Map;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The message that hands a frame's payload to a connection or an outbound adapter. Spring
 * Integration's send API takes a {@link Message}, but the frame serializer writes the payload
 * alone. {@code new GenericMessage<>(payload)} draws a random id, reads the clock and fills a
 * hash map with the two for every frame sent, a burst of price frames as much as an order; this
 * shares one empty, immutable header set, with no id and no timestamp, as
 * {@link FrameMessageMapper} does for what is read.
 */
public final class OutboundFrame {

    private static final MessageHeaders NO_HEADERS = new FrameHeaders(Map.of());

    private OutboundFrame() {
    }

    /** {@code payload} as a message with no headers. */
    public static <T> Message<T> of(T payload) {
        return new GenericMessage<>(payload, NO_HEADERS);
    }
}
