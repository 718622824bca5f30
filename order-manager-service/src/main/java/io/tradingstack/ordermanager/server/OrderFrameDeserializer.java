package io.tradingstack.ordermanager.server;

import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.FrameDeserializer;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * The shared {@link FrameDeserializer}, with the per-frame read timeout of the order
 * connections: it waits for a frame's first byte without a deadline, then hands the stream to
 * the shared codec.
 */
final class OrderFrameDeserializer implements Deserializer<Decoded> {

    private final FrameDeserializer frames;

    OrderFrameDeserializer(int maxFrameLength) {
        this.frames = new FrameDeserializer(maxFrameLength);
    }

    @Override
    public Decoded deserialize(InputStream in) throws IOException {
        if (in instanceof FrameDeadlineInputStream deadline && !deadline.awaitFrame()) {
            throw new SoftEndOfStreamException("Stream closed between frames");
        }
        return frames.deserialize(in);
    }
}
