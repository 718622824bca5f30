package io.tradingstack.journal;

/** Receives each complete record as the journal is replayed at open, in file order. */
@FunctionalInterface
public interface RecordHandler {

    /**
     * One record's payload, valid for this call only.
     *
     * @param offset the record's byte offset in the file, for messages
     * @throws RuntimeException when the payload is no record the caller understands; the open
     *                          then fails with a {@link JournalCorruptedException} at this offset
     */
    void onRecord(long offset, byte[] buffer, int payloadOffset, int length);
}
