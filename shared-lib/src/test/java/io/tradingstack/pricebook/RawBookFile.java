package io.tradingstack.pricebook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Test access to a book file's bytes through the descriptor offsets, bypassing the writer:
 * to corrupt headers and to leave a slot as a writer that died mid-update would.
 */
final class RawBookFile {

    private RawBookFile() {
    }

    static MappedByteBuffer map(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            buffer.order(ByteOrder.nativeOrder());
            return buffer;
        }
    }

    static void putLong(Path path, int offset, long value) throws IOException {
        map(path).putLong(offset, value);
    }

    static void putInt(Path path, int offset, int value) throws IOException {
        map(path).putInt(offset, value);
    }

    static long getLong(Path path, int offset) throws IOException {
        return map(path).getLong(offset);
    }

    /** The 8 ASCII bytes of {@code text} as a native-order long, like the magic. */
    static long asciiLong(String text) {
        return ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .order(ByteOrder.nativeOrder())
            .getLong(0);
    }

    static long slotVersion(Path path, int slot) throws IOException {
        return getLong(path, PriceBookDescriptor.slotOffset(slot) + PriceBookDescriptor.SLOT_VERSION_OFFSET);
    }
}
