package io.tradingstack.ordermanager.journal;

import io.tradingstack.journal.JournalDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a test needs to find in an order journal's bytes, read with the codec's own rules. */
public final class JournalFiles {

    private JournalFiles() {
    }

    /**
     * The byte offset of the last order-id reservation record (its record header), for a test
     * that cuts the file there as a crash would.
     *
     * @throws AssertionError when the journal holds no reservation
     */
    public static long lastReservationOffset(Path journal) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(journal));
        long last = -1;
        int position = JournalDescriptor.HEADER_LENGTH;
        while (position + JournalDescriptor.RECORD_HEADER_LENGTH <= bytes.limit()) {
            int length = bytes.getInt(position);
            int payload = position + JournalDescriptor.RECORD_HEADER_LENGTH;
            if (OrderRecordCodec.isReservation(bytes.array(), payload, length)) {
                last = position;
            }
            position = payload + length;
        }
        if (last < 0) {
            throw new AssertionError("no order-id reservation in " + journal);
        }
        return last;
    }
}
