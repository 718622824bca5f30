package io.tradingstack.journal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A read window over a journal file for recovery: file bytes come in 64 KiB reads, so walking
 * the records (and scanning byte by byte past a damaged one) costs one read per window, not one
 * per record. Records larger than the window widen it.
 */
final class ChannelWindow {

    private static final int DEFAULT_CAPACITY = 64 * 1024;

    private final JournalChannel channel;
    private final long size;
    private byte[] bytes = new byte[DEFAULT_CAPACITY];
    /** File offset of {@code bytes[0]}. */
    private long start;
    /** Bytes of the file in {@code bytes}, from index 0. */
    private int valid;

    ChannelWindow(JournalChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    /**
     * Makes the file's bytes {@code [position, position + length)} readable in {@link #bytes()}.
     *
     * @return the index of {@code position} in {@link #bytes()}, valid until the next fetch; -1
     *         when the file ends before {@code position + length}
     */
    int fetch(long position, int length) throws IOException {
        if (length > size - position) {
            return -1;
        }
        if (position >= start && position + length <= start + valid) {
            return (int) (position - start);
        }
        if (length > bytes.length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        int wanted = (int) Math.min(bytes.length, size - position);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, wanted);
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("journal ended at byte offset " + at + " while " + size + " bytes were expected");
            }
            at += read;
        }
        start = position;
        valid = wanted;
        return 0;
    }

    byte[] bytes() {
        return bytes;
    }
}
