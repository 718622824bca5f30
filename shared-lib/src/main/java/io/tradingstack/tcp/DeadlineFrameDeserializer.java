package io.tradingstack.tcp;

import java.io.IOException;
import java.io.InputStream;

import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.FrameDeserializer;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * The shared {@link FrameDeserializer} with the per-frame read deadline of a frame server's
 * connections: it waits for a frame's first byte without a deadline, which starts the frame's
 * deadline, then hands the stream to the shared codec.
 */
final class DeadlineFrameDeserializer implements Deserializer<Decoded> {

    private final FrameDeserializer frames;

    DeadlineFrameDeserializer(int maxFrameLength) {
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
