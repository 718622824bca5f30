package io.tradingstack.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A journal that cannot be trusted: a damaged record with valid records after it (so it is no
 * torn tail of a crash, and truncating it would drop records), a header of another format, or a
 * record its reader does not understand. Opening refuses; a person decides what to do.
 */
public final class JournalCorruptedException extends IOException {

    private final transient Path path;
    private final long offset;

    public JournalCorruptedException(Path path, long offset, String why, Throwable cause) {
        super("journal " + path + " is corrupt at byte offset " + offset + ": " + why
            + "; refusing to start — restore it or move it away", cause);
        this.path = path;
        this.offset = offset;
    }

    public JournalCorruptedException(Path path, long offset, String why) {
        this(path, offset, why, null);
    }

    public Path path() {
        return path;
    }

    /** The byte offset of the damaged record (or header field) in the file. */
    public long offset() {
        return offset;
    }
}
