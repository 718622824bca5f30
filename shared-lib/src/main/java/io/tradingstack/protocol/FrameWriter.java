package io.tradingstack.protocol;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes framed messages to a blocking stream. {@link #write} does not flush, so a caller
 * that has several messages ready sends them with one {@link #flush} (smart batching).
 */
public final class FrameWriter {

    private final OutputStream out;
    private final MessageCodec codec;

    public FrameWriter(OutputStream out, MessageCodec codec) {
        this.out = out;
        this.codec = codec;
    }

    public void write(Message message) throws IOException {
        int length = codec.encodeFrame(message);
        out.write(codec.buffer(), 0, length);
    }

    public void flush() throws IOException {
        out.flush();
    }

    public void writeAndFlush(Message message) throws IOException {
        write(message);
        out.flush();
    }
}
