package io.tradingstack.pricebook;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Layout of the memory-mapped price book file: one header cache line, then one
 * 64-byte cache line per symbol. All fields are in native byte order; every {@code long} is
 * 8-byte aligned so that ordered {@code VarHandle} accesses work on the mapping.
 *
 * <p>Header, the first cache line:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Magic "TSPRBOOK" (long, at 0)                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Layout Version (int, at 8)                  |
 *  +---------------------------------------------------------------+
 *  |                     Slot Size (int, at 12)                    |
 *  +---------------------------------------------------------------+
 *  |                     Capacity (int, at 16)                     |
 *  +---------------------------------------------------------------+
 *  |           Symbol Count (int, at 20, release/acquire)          |
 *  +---------------------------------------------------------------+
 *  |         Writer Heartbeat, epoch ns (long, at 24)              |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Writer Pid (long, at 32)                    |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                Writer Open Count (long, at 40)                |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Reserved (16 bytes, at 48)                ...
 *  ...                                                             |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Slot {@code i}, at {@code HEADER_LENGTH + i * SLOT_SIZE}, one cache line:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |       Seqlock Version (long, at 0): odd while being written   |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |     Symbol (16 bytes ASCII, zero padded, at 8)               ...
 *  ...                                                             |
 *  +---------------------------------------------------------------+
 *  |              Bid, price x 10^8 (long, at 24)                  |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              Ask, price x 10^8 (long, at 32)                  |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Feed Sequence (long, at 40)                   |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |     Update Timestamp, epoch ns, 0 = empty (long, at 48)       |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Tick Timestamp, epoch ns (long, at 56)               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>File length = {@code HEADER_LENGTH + capacity * SLOT_SIZE}.
 */
public final class PriceBookDescriptor {

    /** Cache line length; the header and every slot occupy exactly one. */
    public static final int CACHE_LINE_LENGTH = 64;

    /** The ASCII text of the magic, as it appears in the first 8 bytes of the file. */
    public static final String MAGIC_TEXT = "TSPRBOOK";

    /**
     * The magic: the bytes of {@link #MAGIC_TEXT} read as one native-order long, so that a hex
     * dump of the file starts with "TSPRBOOK" and a file of the other byte order is rejected.
     */
    public static final long MAGIC = ByteBuffer.wrap(MAGIC_TEXT.getBytes(StandardCharsets.US_ASCII))
        .order(ByteOrder.nativeOrder())
        .getLong(0);

    /** Bumped on every incompatible change of this layout. */
    public static final int LAYOUT_VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int LAYOUT_VERSION_OFFSET = 8;
    public static final int SLOT_SIZE_OFFSET = 12;
    public static final int CAPACITY_OFFSET = 16;
    public static final int SYMBOL_COUNT_OFFSET = 20;
    public static final int WRITER_HEARTBEAT_OFFSET = 24;
    public static final int WRITER_PID_OFFSET = 32;
    public static final int WRITER_OPEN_COUNT_OFFSET = 40;
    public static final int HEADER_LENGTH = CACHE_LINE_LENGTH;

    public static final int SLOT_SIZE = CACHE_LINE_LENGTH;
    public static final int SLOT_VERSION_OFFSET = 0;
    public static final int SLOT_SYMBOL_OFFSET = 8;
    /** The wire's longest symbol fits a slot exactly. */
    public static final int MAX_SYMBOL_LENGTH = io.tradingstack.protocol.Symbols.MAX_LENGTH;
    public static final int SLOT_BID_OFFSET = 24;
    public static final int SLOT_ASK_OFFSET = 32;
    public static final int SLOT_FEED_SEQUENCE_OFFSET = 40;
    public static final int SLOT_UPDATE_TIMESTAMP_OFFSET = 48;
    public static final int SLOT_TICK_TIMESTAMP_OFFSET = 56;

    /** The most slots one {@code MappedByteBuffer} (int-indexed) can hold. */
    public static final int MAX_CAPACITY = (Integer.MAX_VALUE - HEADER_LENGTH) / SLOT_SIZE;

    private PriceBookDescriptor() {
    }

    /** Offset of the first byte of {@code slot} in the file. */
    public static int slotOffset(int slot) {
        return HEADER_LENGTH + slot * SLOT_SIZE;
    }

    /** Length of a file holding {@code capacity} slots. */
    public static long fileLength(int capacity) {
        return HEADER_LENGTH + (long) capacity * SLOT_SIZE;
    }

    /**
     * @throws IllegalArgumentException if {@code capacity} is not in {@code [1, MAX_CAPACITY]}
     */
    static void checkCapacity(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity=" + capacity + ", min=1, max=" + MAX_CAPACITY);
        }
    }

    /**
     * Checks a mapped file's header and length against this layout, in the order that makes
     * the message most useful: magic, layout version, slot size, capacity, then file length.
     *
     * @throws IllegalStateException naming the path, what was found and what was expected
     */
    static void checkCompatible(Path path, long magic, int layoutVersion, int slotSize, int capacity, long fileLength) {
        if (magic != MAGIC) {
            throw incompatible(path, "magic", hex(magic) + " (\"" + ascii(magic) + "\")",
                hex(MAGIC) + " (\"" + MAGIC_TEXT + "\")");
        }
        if (layoutVersion != LAYOUT_VERSION) {
            throw incompatible(path, "layout version", layoutVersion, LAYOUT_VERSION);
        }
        if (slotSize != SLOT_SIZE) {
            throw incompatible(path, "slot size", slotSize, SLOT_SIZE);
        }
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw incompatible(path, "capacity", capacity, "1.." + MAX_CAPACITY);
        }
        if (fileLength != fileLength(capacity)) {
            throw incompatible(path, "file length", fileLength,
                fileLength(capacity) + " (header " + HEADER_LENGTH + " + capacity " + capacity + " x slot size " + SLOT_SIZE + ")");
        }
    }

    /** Checks that a file is long enough to hold a header before the header is read. */
    static void checkHeaderPresent(Path path, long fileLength) {
        if (fileLength < HEADER_LENGTH) {
            throw incompatible(path, "file length", fileLength, "at least " + HEADER_LENGTH + " (one header)");
        }
    }

    /** A writer reopening a file must ask for the capacity the file already has. */
    static void checkCapacityMatches(Path path, int found, int expected) {
        if (found != expected) {
            throw incompatible(path, "capacity", found, expected);
        }
    }

    static IllegalStateException incompatible(Path path, String field, Object found, Object expected) {
        return new IllegalStateException("Incompatible price book " + path + ": " + field + " found " + found
            + ", expected " + expected);
    }

    private static String hex(long value) {
        return "0x" + String.format("%016x", value);
    }

    /** The 8 bytes of a magic as they lie in the file, non-printable bytes shown as '.'. */
    private static String ascii(long magic) {
        final byte[] bytes = new byte[Long.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).putLong(0, magic);
        final StringBuilder text = new StringBuilder(Long.BYTES);
        for (byte b : bytes) {
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return text.toString();
    }
}
