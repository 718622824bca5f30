package io.tradingstack.tcp;

import io.tradingstack.protocol.DecodedFrames;
import io.tradingstack.protocol.FrameBatchReader;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.MessageCodec;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Reads frames for a Spring Integration TCP connection factory and hands the flow every
 * complete frame one read brought in, as one {@link DecodedFrames} batch: each frame is the
 * message, or the {@link DecodeError} that names what was wrong, so that the flow can answer
 * with an {@code error} frame and count it before it closes the connection. Bad input is never
 * thrown as an exception; only a clean end of stream between frames is, as the
 * {@link SoftEndOfStreamException} that closes the connection quietly.
 *
 * <p>One instance serves every connection of a factory. Blocking connections read on one thread
 * each, so each reading thread keeps its {@link FrameBatchReader} (codec and buffer) and starts
 * a new one when it is handed another connection's stream.
 */
public final class FrameDeserializer implements Deserializer<DecodedFrames> {

    private final int maxFrameLength;
    private final ThreadLocal<FrameBatchReader> readers = new ThreadLocal<>();

    public FrameDeserializer(int maxFrameLength) {
        this.maxFrameLength = Framing.checkMaxFrameLength(maxFrameLength);
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    public DecodedFrames deserialize(InputStream in) throws IOException {
        FrameBatchReader reader = readers.get();
        if (reader == null || reader.stream() != in) {
            reader = new FrameBatchReader(in, new MessageCodec(maxFrameLength));
            readers.set(reader);
        }
        DecodedFrames frames = reader.read();
        if (frames == null) {
            throw new SoftEndOfStreamException("Stream closed between frames");
        }
        return frames;
    }
}
