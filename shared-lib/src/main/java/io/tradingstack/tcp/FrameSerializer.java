package io.tradingstack.tcp;

import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.MessageCodec;
import java.io.IOException;
import java.io.OutputStream;

import org.springframework.core.serializer.Serializer;

/**
 * Writes frames for a Spring Integration TCP connection factory. A payload is either a
 * {@link Message}, encoded and framed here, or {@link FrameBytes} that already hold one or
 * more whole frames (a replay ring's stored frames, or a batch of pending ticks): the
 * connection flushes once per payload, so a batch leaves with one flush (smart batching).
 *
 * <p>One instance serves every connection: each sending thread has its own codec.
 */
public final class FrameSerializer implements Serializer<Object> {

    private final ThreadLocal<MessageCodec> codecs;

    /** @param maxFrameLength the largest payload the peer accepts */
    public FrameSerializer(int maxFrameLength) {
        Framing.checkMaxFrameLength(maxFrameLength);
        this.codecs = ThreadLocal.withInitial(() -> new MessageCodec(maxFrameLength));
    }

    @Override
    public void serialize(Object payload, OutputStream out) throws IOException {
        if (payload instanceof Message message) {
            MessageCodec codec = codecs.get();
            int length = codec.encodeFrame(message);
            out.write(codec.buffer(), 0, length);
        } else if (payload instanceof FrameBytes frames) {
            out.write(frames.array(), 0, frames.length());
        } else {
            throw new IllegalArgumentException("payload of " + (payload == null ? "null" : payload.getClass().getName())
                    + ": expected a protocol Message or FrameBytes of whole frames");
        }
    }
}
