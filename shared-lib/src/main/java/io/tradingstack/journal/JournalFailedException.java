package io.tradingstack.journal;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A write or force of the journal failed, now or earlier. The journal is then failed for good:
 * after a failed {@code fsync} the kernel may have dropped the dirty pages and cleared the error,
 * so a retry that succeeds proves nothing (the PostgreSQL "fsyncgate" lesson). Whatever was
 * appended since the last successful commit may or may not be in the file.
 */
public final class JournalFailedException extends UncheckedIOException {

    public JournalFailedException(String message, IOException cause) {
        super(message, cause);
    }
}
