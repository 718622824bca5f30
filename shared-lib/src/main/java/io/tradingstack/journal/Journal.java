package io.tradingstack.journal;

import static io.tradingstack.journal.JournalDescriptor.HEADER_LENGTH;
import static io.tradingstack.journal.JournalDescriptor.RECORD_HEADER_LENGTH;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * An append-only file of records, each with its length and a CRC ({@link JournalDescriptor}).
 * Records are {@link #append appended} to a batch in memory and reach the file at
 * {@link #commit()}, durable as the {@link FlushPolicy} says: nothing appended is on disk before
 * its commit returns, so a caller acknowledges only after it.
 *
 * <p>{@link #open Opening} replays every complete record, truncates a torn last record (a write
 * a crash cut short; counted and logged once), and refuses a file damaged before its end with
 * {@link JournalCorruptedException}. A failed write or force fails the journal for good
 * ({@link JournalFailedException}): nothing is appended after it.
 *
 * <p>A commit has two steps, so that appending goes on while the file is written and forced:
 * {@link #seal()} closes the batch appended so far (appends then go to a fresh one), and
 * {@link #writeSealed()} writes and forces it. {@link #commit()} does both at once.
 *
 * <p>One appender at a time: {@link #append} and {@link #seal} are not thread-safe, and the caller
 * serializes them with a lock of its own (the order manager's engine lock), which also makes one
 * appender's batch visible to the next. {@link #writeSealed} touches only the sealed batch, so one
 * committing thread may run it without that lock, while others append; it must be the thread that
 * sealed, or see the seal through the lock. The counters are volatile, for health and metrics
 * from any thread.
 */
public final class Journal implements AutoCloseable {

    private static final Log log = LogFactory.getLog(Journal.class);

    private static final int INITIAL_BATCH_CAPACITY = 64 * 1024;

    private final Path path;
    private final FlushPolicy policy;
    private final JournalChannel channel;
    private final Recovery recovery;
    private final CRC32C crc = new CRC32C();
    private final byte[] lengthBytes = new byte[Integer.BYTES];
    /** What is appended now; under the appenders' lock. */
    private Batch open = new Batch();
    /** What {@link #seal()} closed and {@link #writeSealed()} writes next; empty once written. */
    private Batch sealed = new Batch();
    private volatile boolean closed;
    /** Volatile: written by the writer, read by health and metrics threads. */
    private volatile long size;
    private volatile long records;
    private volatile long commits;
    private volatile JournalFailedException failure;

    private Journal(Path path, FlushPolicy policy, JournalChannel channel, Recovery recovery) {
        this.path = path;
        this.policy = policy;
        this.channel = channel;
        this.recovery = recovery;
        this.size = recovery.bytes();
        this.records = recovery.records();
    }

    /**
     * Opens a journal, creating it (and its directories) when missing, and hands every complete
     * record to {@code handler} before returning.
     *
     * @throws JournalCorruptedException when the file is damaged before its end, is no journal of
     *                                   this format, or holds a record the handler refuses
     * @throws IOException               when the file cannot be opened, read, truncated or created
     */
    public static Journal open(Path path, FlushPolicy policy, JournalChannel.Factory channels, RecordHandler handler)
            throws IOException {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(handler, "handler");
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        JournalChannel channel = channels.open(absolute);
        try {
            long size = channel.size();
            Recovery recovery = size < HEADER_LENGTH ? create(absolute, channel, size) : replay(absolute, channel, size, handler);
            return new Journal(absolute, policy, channel, recovery);
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** A new file, or one whose header a crash cut short (nothing can follow a torn header). */
    private static Recovery create(Path path, JournalChannel channel, long size) throws IOException {
        if (size > 0) {
            ByteBuffer present = ByteBuffer.allocate((int) size);
            while (present.hasRemaining() && channel.read(present, present.position()) >= 0) {
                // a few bytes: usually one read
            }
            if (present.hasRemaining() || !JournalDescriptor.isHeaderPrefix(present.array(), (int) size)) {
                throw new JournalCorruptedException(path, 0, "a " + size + "-byte file that is no journal header");
            }
            log.warn("journal " + path + ": torn header truncated, " + size + " bytes dropped (a crash while it was created)");
            channel.truncate(0);
        }
        ByteBuffer header = ByteBuffer.wrap(JournalDescriptor.header());
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
        channel.force();
        syncDirectory(path.getParent());
        return new Recovery(0, HEADER_LENGTH, size, true);
    }

    private static Recovery replay(Path path, JournalChannel channel, long size, RecordHandler handler) throws IOException {
        JournalRecovery reader = new JournalRecovery(path, channel, size);
        long end = reader.replay(handler);
        if (end < size) {
            channel.truncate(end);
            channel.force();
            log.warn("journal " + path + ": torn last record truncated at byte offset " + end + ", " + (size - end)
                + " bytes dropped (a write cut short by a crash; it was never acknowledged)");
        }
        return new Recovery(reader.records(), end, size - end, false);
    }

    /**
     * Forces the directory, so that a new file's entry is as durable as its records: without it a
     * power loss can lose the whole file. Best effort: some platforms cannot open a directory.
     */
    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("journal directory " + directory + " not forced: " + e);
        }
    }

    /** Appends a record to the batch; it reaches the file at the next {@link #commit()}. */
    public void append(byte[] payload, int offset, int length) {
        checkWritable();
        if (!JournalDescriptor.isPossibleLength(length)) {
            throw new IllegalArgumentException("record length=" + length + ", must be 1.." + JournalDescriptor.MAX_RECORD_LENGTH);
        }
        lengthBytes[0] = (byte) (length >>> 24);
        lengthBytes[1] = (byte) (length >>> 16);
        lengthBytes[2] = (byte) (length >>> 8);
        lengthBytes[3] = (byte) length;
        crc.reset();
        crc.update(lengthBytes, 0, Integer.BYTES);
        crc.update(payload, offset, length);
        open.add(length, (int) crc.getValue(), payload, offset);
    }

    public void append(byte[] payload) {
        append(payload, 0, payload.length);
    }

    /**
     * Writes what was appended and forces it as the policy says ({@link #seal()}, then
     * {@link #writeSealed()}); when this returns, it is as durable as the policy promises.
     * Nothing to do for an empty batch.
     *
     * @throws JournalFailedException when a write or force fails (now or before): the batch may or
     *                                may not be in the file, and the journal takes nothing more
     */
    public void commit() {
        seal();
        writeSealed();
    }

    /**
     * Closes the batch appended so far: {@link #writeSealed()} writes it, and what is appended from
     * now on goes into the next batch. Under the appenders' lock.
     *
     * @return the records sealed, 0 when nothing was appended since the last seal
     * @throws IllegalStateException  when the batch sealed before was not written yet (a bug of the caller)
     * @throws JournalFailedException when the journal has failed
     */
    public int seal() {
        checkWritable();
        if (sealed.records != 0) {
            throw new IllegalStateException("journal " + path + ": the batch sealed before is not written yet");
        }
        Batch closing = open;
        open = sealed;
        sealed = closing;
        return closing.records;
    }

    /**
     * Writes the sealed batch and forces it as the policy says; when this returns, the batch is as
     * durable as the policy promises. Nothing to do when nothing was sealed. Needs no appenders'
     * lock: appending goes on meanwhile.
     *
     * @throws JournalFailedException when a write or force fails (now or before): the batch may or
     *                                may not be in the file, and the journal takes nothing more
     */
    public void writeSealed() {
        checkWritable();
        Batch writing = sealed;
        if (writing.records == 0) {
            return;
        }
        long base = size;
        ByteBuffer bytes = writing.bytes;
        int[] ends = writing.ends;
        try {
            if (policy == FlushPolicy.RECORD) {
                int from = 0;
                for (int i = 0; i < writing.records; i++) {
                    bytes.limit(ends[i]).position(from);
                    write(bytes, base + from);
                    force(base + ends[i]);
                    from = ends[i];
                }
            } else {
                bytes.flip();
                write(bytes, base);
                if (policy == FlushPolicy.BATCH) {
                    force(base + bytes.limit());
                }
            }
            size = base + ends[writing.records - 1];
            records += writing.records;
            commits++;
        } finally {
            writing.clear(); // written, or failed for good: either way never written again
        }
    }

    private void write(ByteBuffer bytes, long position) {
        long at = position;
        try {
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
        } catch (IOException e) {
            throw fail("write at byte offset " + at + " failed", e);
        }
    }

    private void force(long end) {
        try {
            channel.force();
        } catch (IOException e) {
            throw fail("fsync of the bytes up to offset " + end + " failed", e);
        }
    }

    private JournalFailedException fail(String what, IOException cause) {
        JournalFailedException failed = new JournalFailedException("journal " + path + ": " + what + " (" + cause
            + "); it takes no more records", cause);
        failure = failed;
        return failed;
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("journal " + path + " is closed");
        }
        JournalFailedException failed = failure;
        if (failed != null) {
            throw new JournalFailedException(failed.getMessage(), failed.getCause());
        }
    }

    /** Records appended and not yet written: their bytes one after another, and where each ends. */
    private static final class Batch {

        ByteBuffer bytes = ByteBuffer.allocateDirect(INITIAL_BATCH_CAPACITY);
        /** The end of each record in {@link #bytes}, for the RECORD policy and the file's new size. */
        int[] ends = new int[64];
        int records;

        void add(int length, int crc, byte[] payload, int offset) {
            int needed = RECORD_HEADER_LENGTH + length;
            if (bytes.remaining() < needed) {
                ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(bytes.capacity() * 2, bytes.position() + needed));
                bytes.flip();
                larger.put(bytes);
                bytes = larger;
            }
            bytes.putInt(length).putInt(crc).put(payload, offset, length);
            if (records == ends.length) {
                ends = Arrays.copyOf(ends, ends.length * 2);
            }
            ends[records++] = bytes.position();
        }

        void clear() {
            bytes.clear();
            records = 0;
        }
    }

    public Path path() {
        return path;
    }

    public FlushPolicy policy() {
        return policy;
    }

    /** What opening found. */
    public Recovery recovery() {
        return recovery;
    }

    /** Records in the file: those replayed at open and those committed since. */
    public long records() {
        return records;
    }

    /** The file's committed length in bytes, header included. */
    public long size() {
        return size;
    }

    /** Commits that wrote something. */
    public long commits() {
        return commits;
    }

    /** The failure that stopped this journal, or null while it works. */
    public JournalFailedException failure() {
        return failure;
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** Closes the file; what was appended and not committed is dropped (it was never acknowledged). */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }
}
