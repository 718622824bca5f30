package io.tradingstack.pricebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seqlock stress across two processes: {@link SeqlockStressWriter} in a child JVM updates
 * slots whose every field derives from one counter, while reader threads here check every
 * snapshot for consistency and that each slot's counter never goes back.
 */
class PriceBookSeqlockStressTest {

    private static final int SLOTS = 4;
    private static final int READER_THREADS = 2;
    private static final long MIN_READS = 12_000_000L;
    private static final int PROGRESS_INTERVAL = 1 << 16;
    private static final Duration READ_PHASE_LIMIT = Duration.ofSeconds(30);
    private static final int MAX_READ_ATTEMPTS = 10_000;
    private static final long MIN_COUNTER_ADVANCE = 100_000L;
    /** Reads that saw a counter the same thread had not seen: evidence that reads interleaved with writes. */
    private static final long MIN_COUNTER_CHANGES = 10_000L;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private Process writer;
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean stopReaders;

    @AfterEach
    void stopWriterAndReaders() throws InterruptedException {
        stopReaders = true;
        for (Thread reader : readers) {
            reader.interrupt();
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
        if (writer != null && writer.isAlive()) {
            writer.destroy();
            if (!writer.waitFor(5, TimeUnit.SECONDS)) {
                writer.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldNeverObserveTornSnapshotWhileWriterProcessUpdatesSlots() throws Exception {
        final Path book = directory.resolve("book.dat");
        final Path writerOutput = directory.resolve("writer.out");
        writer = startWriter(book, writerOutput);

        final PriceBookReader reader = awaitWriterRunning(book, writerOutput);
        final long heartbeatBefore = reader.writerHeartbeat();
        final long[] firstCounters = countersNow(reader);

        final AtomicLong readsSoFar = new AtomicLong();
        final AtomicLong consistentReads = new AtomicLong();
        final AtomicLong tornReads = new AtomicLong();
        final AtomicLong unavailableReads = new AtomicLong();
        final AtomicLong counterChanges = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < READER_THREADS; i++) {
            final Thread thread = new Thread(() -> readLoop(reader, readsSoFar, consistentReads, tornReads,
                unavailableReads, counterChanges, failures), "stress-reader-" + i);
            readers.add(thread);
            thread.start();
        }
        awaitEnoughReadsAndWrites(reader, readsSoFar, counterChanges, firstCounters[0]);
        stopReaders = true;
        for (Thread thread : readers) {
            thread.join();
        }
        final long[] lastCounters = countersNow(reader);
        final long heartbeatAfter = reader.writerHeartbeat();

        writer.getOutputStream().close(); // end of file on its stdin: the writer stops and exits
        assertThat(writer.waitFor(20, TimeUnit.SECONDS)).as("writer exited").isTrue();
        final String output = Files.readString(writerOutput, StandardCharsets.UTF_8);
        assertThat(writer.exitValue()).as("writer exit code, output: %s", output).isZero();
        final long rounds = Long.parseLong(output.lines().filter(l -> l.startsWith("rounds=")).findFirst()
            .orElseThrow(() -> new AssertionError("no rounds= line in writer output: " + output)).substring(7));

        System.out.printf("seqlock stress: consistentReads=%d tornReads=%d unavailableReads=%d counterChanges=%d"
                + " writerRounds=%d slot0Advance=%d%n", consistentReads.get(), tornReads.get(), unavailableReads.get(),
            counterChanges.get(), rounds, lastCounters[0] - firstCounters[0]);
        assertThat(failures).as("first failures").isEmpty();
        assertThat(tornReads.get()).as("torn reads").isZero();
        assertThat(consistentReads.get()).as("consistent reads").isGreaterThanOrEqualTo(10_000_000L);
        assertThat(consistentReads.get() + unavailableReads.get()).as("reads").isGreaterThanOrEqualTo(MIN_READS);
        for (int slot = 0; slot < SLOTS; slot++) {
            assertThat(lastCounters[slot] - firstCounters[slot]).as("counter advance of slot %d while reading", slot)
                .isGreaterThanOrEqualTo(MIN_COUNTER_ADVANCE);
            assertThat(rounds).as("writer rounds vs last counter seen in slot %d", slot)
                .isGreaterThanOrEqualTo(lastCounters[slot]);
        }
        assertThat(counterChanges.get()).as("reads that saw a new counter").isGreaterThanOrEqualTo(MIN_COUNTER_CHANGES);
        assertThat(heartbeatAfter).as("writer heartbeat moved").isGreaterThan(heartbeatBefore);
    }

    @Test
    void shouldDetectSnapshotMixingTwoUpdates() {
        final PriceSnapshot torn = new PriceSnapshot();
        torn.set(StressSlotValues.version(8), StressSlotValues.bid(1, 8), StressSlotValues.ask(1, 7), 8,
            StressSlotValues.updateTimestamp(1, 8), StressSlotValues.tickTimestamp(1, 8));
        final PriceSnapshot whole = new PriceSnapshot();
        whole.set(StressSlotValues.version(8), StressSlotValues.bid(1, 8), StressSlotValues.ask(1, 8), 8,
            StressSlotValues.updateTimestamp(1, 8), StressSlotValues.tickTimestamp(1, 8));

        assertThat(StressSlotValues.consistent(1, torn)).isFalse();
        assertThat(StressSlotValues.consistent(1, whole)).isTrue();
    }

    /**
     * Lets the readers run until they have made enough reads while the writer advanced enough,
     * whichever comes last, within a limit; the assertions then say which fell short.
     */
    private void awaitEnoughReadsAndWrites(PriceBookReader reader, AtomicLong readsSoFar, AtomicLong counterChanges,
                                           long firstCounter) {
        final long deadline = System.nanoTime() + READ_PHASE_LIMIT.toNanos();
        final PriceSnapshot snapshot = new PriceSnapshot();
        while (System.nanoTime() - deadline < 0) {
            final boolean advanced = reader.read(0, snapshot) == SlotStatus.FRESH
                && snapshot.feedSequence() - firstCounter >= MIN_COUNTER_ADVANCE;
            if (advanced && readsSoFar.get() >= MIN_READS && counterChanges.get() >= MIN_COUNTER_CHANGES) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private void readLoop(PriceBookReader reader, AtomicLong readsSoFar, AtomicLong consistentReads,
                          AtomicLong tornReads, AtomicLong unavailableReads, AtomicLong counterChanges,
                          ConcurrentLinkedQueue<String> failures) {
        final PriceSnapshot snapshot = new PriceSnapshot();
        final long[] lastCounter = new long[SLOTS];
        long consistent = 0;
        long torn = 0;
        long unavailable = 0;
        long changes = 0;
        for (long i = 1; !stopReaders; i++) {
            if (i % PROGRESS_INTERVAL == 0) {
                readsSoFar.addAndGet(PROGRESS_INTERVAL);
                counterChanges.addAndGet(changes);
                changes = 0;
            }
            final int slot = (int) (i % SLOTS);
            final SlotStatus status = reader.read(slot, snapshot);
            if (status == SlotStatus.UNAVAILABLE) {
                unavailable++;
                continue;
            }
            final long counter = snapshot.feedSequence();
            if (status != SlotStatus.FRESH || !StressSlotValues.consistent(slot, snapshot)) {
                torn++;
                recordFailure(failures, "slot " + slot + " status " + status + ": " + snapshot);
            } else if (counter < lastCounter[slot]) {
                torn++;
                recordFailure(failures, "slot " + slot + " went back from " + lastCounter[slot] + " to " + counter);
            } else {
                consistent++;
                if (counter != lastCounter[slot]) {
                    changes++;
                }
                lastCounter[slot] = counter;
            }
        }
        consistentReads.addAndGet(consistent);
        tornReads.addAndGet(torn);
        unavailableReads.addAndGet(unavailable);
        counterChanges.addAndGet(changes);
    }

    private static void recordFailure(ConcurrentLinkedQueue<String> failures, String failure) {
        if (failures.size() < 10) {
            failures.add(failure);
        }
    }

    private static Process startWriter(Path book, Path output) throws IOException {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-ea", "-Xmx64m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"),
            SeqlockStressWriter.class.getName(), book.toString(), Integer.toString(SLOTS), "60000")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    }

    /** Polls, with a deadline, until the child has created the book, registered and written every slot. */
    private PriceBookReader awaitWriterRunning(Path book, Path writerOutput) throws IOException {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        PriceBookReader reader = null;
        while (true) {
            if (!writer.isAlive()) {
                fail("writer exited with " + writer.exitValue() + ": " + Files.readString(writerOutput));
            }
            if (System.nanoTime() - deadline > 0) {
                fail("writer not running after " + READY_TIMEOUT + ": " + Files.readString(writerOutput));
            }
            if (reader == null && Files.exists(book)) {
                reader = openReader(book);
            }
            if (reader != null && reader.symbolCount() == SLOTS && allSlotsWritten(reader)) {
                return reader;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static PriceBookReader openReader(Path book) {
        try {
            // A clock at 0 makes every synthetic update timestamp "in the future", so FRESH.
            return PriceBookReader.open(book, Duration.ofSeconds(1), MAX_READ_ATTEMPTS, () -> 0L);
        } catch (UncheckedIOException e) {
            return null; // not there yet; the writer renames the complete file into place
        }
    }

    private static boolean allSlotsWritten(PriceBookReader reader) {
        final PriceSnapshot snapshot = new PriceSnapshot();
        for (int slot = 0; slot < SLOTS; slot++) {
            if (reader.read(slot, snapshot) != SlotStatus.FRESH) {
                return false;
            }
        }
        return true;
    }

    private static long[] countersNow(PriceBookReader reader) {
        final PriceSnapshot snapshot = new PriceSnapshot();
        final long[] counters = new long[SLOTS];
        for (int slot = 0; slot < SLOTS; slot++) {
            SlotStatus status = SlotStatus.UNAVAILABLE;
            // UNAVAILABLE only if the writer was descheduled mid-update; try a few more times.
            for (int attempt = 0; attempt < 100 && status == SlotStatus.UNAVAILABLE; attempt++) {
                status = reader.read(slot, snapshot);
            }
            assertThat(status).as("slot %d", slot).isEqualTo(SlotStatus.FRESH);
            assertThat(reader.symbol(slot)).isEqualTo(StressSlotValues.SYMBOL_PREFIX + slot);
            counters[slot] = snapshot.feedSequence();
        }
        return counters;
    }
}
