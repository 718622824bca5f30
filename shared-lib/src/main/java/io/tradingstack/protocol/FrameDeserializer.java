package io.tradingstack.protocol;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Reads one frame per call for a Spring Integration TCP connection factory and hands the
 * flow a {@link Decoded}: the message, or the {@link DecodeError} that names what was wrong,
 * so that the flow can answer with an {@code error} frame and count it before it closes the
 * connection. Bad input is never thrown as an exception; only a clean end of stream between
 * frames is, as the {@link SoftEndOfStreamException} that closes the connection quietly.
 *
 * <p>One instance serves every connection of a factory: each reading thread has its own
 * codec and buffers (blocking connections read on one thread each).
 */
public final class FrameDeserializer implements Deserializer<Decoded> {

    private final int maxFrameLength;
    private final ThreadLocal<FrameReader> readers;

    public FrameDeserializer(int maxFrameLength) {
        this.maxFrameLength = Framing.checkMaxFrameLength(maxFrameLength);
        this.readers = ThreadLocal.withInitial(() -> new FrameReader(new MessageCodec(maxFrameLength)));
    }

    public int maxFrameLength() {
        return maxFrameLength;
    }

    @Override
    public Decoded deserialize(InputStream in) throws IOException {
        Decoded decoded = readers.get().read(in);
        if (decoded == null) {
            throw new SoftEndOfStreamException("Stream closed between frames");
        }
        return decoded;
    }
}
