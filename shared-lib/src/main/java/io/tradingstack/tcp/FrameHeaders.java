package io.tradingstack.tcp;

import java.util.Map;

import org.springframework.messaging.MessageHeaders;

/**
 * The headers of a message that carries frames: exactly the given ones, with no generated
 * {@code id} and no timestamp. {@link MessageHeaders}' public constructor draws a random id and
 * reads the clock for every message; nothing in the stack reads either.
 */
final class FrameHeaders extends MessageHeaders {

    private static final long serialVersionUID = 1L;

    FrameHeaders(Map<String, Object> headers) {
        super(headers, ID_VALUE_NONE, -1L);
    }
}
