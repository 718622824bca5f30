package io.tradingstack.journal;

import static io.tradingstack.journal.JournalDescriptor.CRC_OFFSET;
import static io.tradingstack.journal.JournalDescriptor.HEADER_LENGTH;
import static io.tradingstack.journal.JournalDescriptor.RECORD_HEADER_LENGTH;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads a journal's records from the first to the last complete one, and tells a torn tail from
 * corruption. A record that fails its checks (impossible length, past the end, CRC mismatch) is
 * a torn tail only when no valid record starts anywhere after it: a crash cuts the last write,
 * and nothing is written after it. If a valid record follows, the file was damaged in the
 * middle, and truncating there would silently drop acknowledged records: that refuses, with the
 * offset. The forward scan is byte by byte, cheap because a torn tail is at most one record
 * (plus whatever garbage a crash left).
 */
final class JournalRecovery {

    private final Path path;
    private final long size;
    private final ChannelWindow window;
    private final CRC32C crc = new CRC32C();
    private long records;

    JournalRecovery(Path path, JournalChannel channel, long size) {
        this.path = path;
        this.size = size;
        this.window = new ChannelWindow(channel, size);
    }

    /**
     * Checks the header, then hands every complete record to the handler.
     *
     * @return the end of the last complete record: the file's size, or where a torn tail begins
     * @throws JournalCorruptedException for another format, a damaged record before the end, or
     *                                   a record the handler refused
     */
    long replay(RecordHandler handler) throws IOException {
        checkHeader();
        long position = HEADER_LENGTH;
        while (position < size) {
            int length = validRecordAt(position);
            if (length < 0) {
                long next = nextValidRecord(position + 1);
                if (next >= 0) {
                    throw new JournalCorruptedException(path, position,
                        damage(position) + ", and a valid record follows at byte offset " + next);
                }
                return position;
            }
            int index = window.fetch(position, RECORD_HEADER_LENGTH + length);
            try {
                handler.onRecord(position, window.bytes(), index + RECORD_HEADER_LENGTH, length);
            } catch (RuntimeException e) {
                throw new JournalCorruptedException(path, position, "the record is intact but not understood: " + e.getMessage(), e);
            }
            records++;
            position += RECORD_HEADER_LENGTH + length;
        }
        return position;
    }

    long records() {
        return records;
    }

    private void checkHeader() throws IOException {
        int index = window.fetch(0, HEADER_LENGTH);
        byte[] bytes = window.bytes();
        if (!JournalDescriptor.isMagic(bytes, index)) {
            throw new JournalCorruptedException(path, 0, "no journal header (the file does not start with TSJOURNL)");
        }
        int version = JournalDescriptor.readInt(bytes, index + JournalDescriptor.VERSION_OFFSET);
        if (version != JournalDescriptor.FORMAT_VERSION) {
            throw new JournalCorruptedException(path, JournalDescriptor.VERSION_OFFSET,
                "format version " + version + ", this build reads version " + JournalDescriptor.FORMAT_VERSION);
        }
    }

    /** The payload length of the intact record at {@code position}, or -1. */
    private int validRecordAt(long position) throws IOException {
        int index = window.fetch(position, RECORD_HEADER_LENGTH);
        if (index < 0) {
            return -1;
        }
        int length = JournalDescriptor.readInt(window.bytes(), index);
        if (!JournalDescriptor.isPossibleLength(length)) {
            return -1;
        }
        index = window.fetch(position, RECORD_HEADER_LENGTH + length);
        if (index < 0) {
            return -1;
        }
        byte[] bytes = window.bytes();
        return JournalDescriptor.crc(crc, bytes, index, length) == JournalDescriptor.readInt(bytes, index + CRC_OFFSET)
            ? length : -1;
    }

    /** The offset of the first intact record at or after {@code from}, or -1. */
    private long nextValidRecord(long from) throws IOException {
        for (long position = from; position + RECORD_HEADER_LENGTH < size; position++) {
            if (validRecordAt(position) >= 0) {
                return position;
            }
        }
        return -1;
    }

    /** What is wrong with the record at {@code position}, for the message: cold path. */
    private String damage(long position) throws IOException {
        long left = size - position;
        int index = window.fetch(position, RECORD_HEADER_LENGTH);
        if (index < 0) {
            return "a record header cut short (" + left + " bytes before the end)";
        }
        byte[] bytes = window.bytes();
        int length = JournalDescriptor.readInt(bytes, index);
        if (!JournalDescriptor.isPossibleLength(length)) {
            return "impossible record length " + length + " (1.." + JournalDescriptor.MAX_RECORD_LENGTH + ")";
        }
        if (RECORD_HEADER_LENGTH + (long) length > left) {
            return "record length " + length + " runs past the end of the file (" + left + " bytes left)";
        }
        index = window.fetch(position, RECORD_HEADER_LENGTH + length);
        bytes = window.bytes();
        return "CRC mismatch (stored " + Integer.toHexString(JournalDescriptor.readInt(bytes, index + CRC_OFFSET))
            + ", computed " + Integer.toHexString(JournalDescriptor.crc(crc, bytes, index, length)) + ")";
    }
}
