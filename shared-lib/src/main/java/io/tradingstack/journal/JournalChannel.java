package io.tradingstack.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The file under a {@link Journal}: every byte the journal reads or writes, and every flush,
 * goes through here. The default is a {@link java.nio.channels.FileChannel}
 * ({@link #files()}); tests put a channel in between that fails a write or a force on demand,
 * which is how the journal's failure handling is proven without a broken disk.
 */
public interface JournalChannel extends Closeable {

    /** Writes from {@code src} at {@code position}; returns the bytes written, as {@code FileChannel.write}. */
    int write(ByteBuffer src, long position) throws IOException;

    /** Reads into {@code dst} from {@code position}; returns the bytes read, -1 at the end, as {@code FileChannel.read}. */
    int read(ByteBuffer dst, long position) throws IOException;

    /**
     * Makes every write so far durable: {@code fdatasync}, which also flushes the file length a
     * read needs, so an append is covered without forcing the other metadata.
     */
    void force() throws IOException;

    /** Cuts the file to {@code size} bytes. */
    void truncate(long size) throws IOException;

    /** The file's length in bytes. */
    long size() throws IOException;

    /** Opens the channel of one journal file, creating it when missing. */
    @FunctionalInterface
    interface Factory {
        JournalChannel open(Path path) throws IOException;
    }

    /** Journal files on the file system, each locked against a second writer. */
    static Factory files() {
        return FileJournalChannel::open;
    }
}
