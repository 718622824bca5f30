package io.tradingstack.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The layout of a journal file; every number is big-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 magic "TSJOURNL" (8 ASCII bytes)               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        format version (1)                     |
 *  +===============================================================+  offset 12: the first record
 *  |                      length of the payload                    |
 *  +---------------------------------------------------------------+
 *  |          CRC32C over the 4 length bytes and the payload       |
 *  +---------------------------------------------------------------+
 *  |                       payload (length bytes)                 ...
 *  +---------------------------------------------------------------+
 *  |                       next record, or the end of the file    ...
 * </pre>
 *
 * The CRC covers the length too, so a flipped bit in a length is caught like one in the
 * payload. A length outside 1..{@link #MAX_RECORD_LENGTH} is impossible: zeros (a file extended
 * by a crash) never read as a record.
 */
public final class JournalDescriptor {

    private static final byte[] MAGIC = "TSJOURNL".getBytes(StandardCharsets.US_ASCII);

    public static final int FORMAT_VERSION = 1;
    public static final int VERSION_OFFSET = MAGIC.length;
    public static final int HEADER_LENGTH = VERSION_OFFSET + Integer.BYTES;

    public static final int RECORD_HEADER_LENGTH = 2 * Integer.BYTES;
    public static final int CRC_OFFSET = Integer.BYTES;
    /** The largest payload: far beyond any order record, small enough that a bad length is caught. */
    public static final int MAX_RECORD_LENGTH = 1 << 20;

    private JournalDescriptor() {
    }

    /** The header of a new file. */
    static byte[] header() {
        return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).putInt(FORMAT_VERSION).array();
    }

    static boolean isMagic(byte[] bytes, int offset) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[offset + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code bytes[0, length)} is the beginning of a new file's header: a header cut by a crash. */
    static boolean isHeaderPrefix(byte[] bytes, int length) {
        byte[] header = header();
        for (int i = 0; i < length; i++) {
            if (bytes[i] != header[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean isPossibleLength(int length) {
        return length > 0 && length <= MAX_RECORD_LENGTH;
    }

    /** The CRC of a record whose header starts at {@code offset} and whose payload follows it. */
    static int crc(CRC32C crc, byte[] bytes, int offset, int length) {
        crc.reset();
        crc.update(bytes, offset, Integer.BYTES);
        crc.update(bytes, offset + RECORD_HEADER_LENGTH, length);
        return (int) crc.getValue();
    }

    static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
            | bytes[offset + 3] & 0xFF;
    }
}
