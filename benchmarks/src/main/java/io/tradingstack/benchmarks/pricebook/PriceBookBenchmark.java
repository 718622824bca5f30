package io.tradingstack.benchmarks.pricebook;

import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceBookWriter;
import io.tradingstack.pricebook.PriceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of the price book's seqlock, next to a plain volatile long as baseline.
 *
 * <ul>
 *   <li>{@code write}: one update of one slot, with the update timestamp the caller already
 *       has (the orderbook reads the clock once per tick, not once per book write).</li>
 *   <li>{@code readUncontended}: one read of a slot nobody writes, staleness judged against a
 *       {@code now} the caller already has.</li>
 *   <li>{@code contended}: one thread updates a slot in a loop while another reads it; JMH
 *       reports each thread's ns/op ({@code contendedRead}, {@code contendedWrite}).</li>
 *   <li>{@code writeWithClock}, {@code readWithClock}: the same with one clock read each, as
 *       the convenience overloads do; {@code clock} is that clock read alone (the wall clock,
 *       allocation-free), {@code clockNanoTime} the monotonic {@link System#nanoTime()} beside it.</li>
 *   <li>{@code volatileWrite}, {@code volatileRead}, {@code volatileContended}: the same with a
 *       volatile long field: the floor of any cross-thread publication.</li>
 * </ul>
 *
 * <p>Run: {@code benchmarks/jmh PriceBookBenchmark -prof gc}.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PriceBookBenchmark {

    /**
     * One book file per benchmark, in a fresh temporary directory; Scope.Benchmark so that the
     * writer and reader threads of a group share it (JMH allows Scope.Group only on @Group
     * methods, and each benchmark here runs one group). JMH forks run without
     * {@code -ea}: the writer's single-thread assertion would trip in a group whose
     * {@code @Setup} ran on the reading thread.
     */
    @State(Scope.Benchmark)
    public static class Book {

        private static final int CAPACITY = 64;
        private static final int MAX_READ_ATTEMPTS = 1_000;

        private Path directory;
        private PriceBookWriter writer;
        private PriceBookReader reader;
        private int busySlot;
        private int quietSlot;
        private long counter;
        private final PriceSnapshot snapshot = new PriceSnapshot();

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            directory = Files.createTempDirectory("pricebook-bench");
            final Path book = directory.resolve("book.dat");
            writer = PriceBookWriter.open(book, CAPACITY, SystemEpochNanoClock.instance());
            busySlot = writer.register("BUSY");
            quietSlot = writer.register("QUIET");
            writer.update(busySlot, 10_000_000_000L, 10_000_100_000L, 1, 1);
            writer.update(quietSlot, 20_000_000_000L, 20_000_100_000L, 1, 1);
            // A long max age so the quiet slot reads FRESH for the whole run.
            reader = PriceBookReader.open(book, Duration.ofHours(1), MAX_READ_ATTEMPTS, SystemEpochNanoClock.instance());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            writer.close();
            Files.deleteIfExists(writer.path());
            Files.deleteIfExists(directory);
        }

        /** A caller's "now": one clock read per tick, outside the measured book operation. */
        private final long now = SystemEpochNanoClock.instance().epochNanos();

        void update() {
            final long next = ++counter;
            writer.update(busySlot, 10_000_000_000L + next, 10_000_100_000L + next, next, next, now + next);
        }

        void updateWithClock() {
            final long next = ++counter;
            writer.update(busySlot, 10_000_000_000L + next, 10_000_100_000L + next, next, next);
        }

        void read(int slot, Blackhole blackhole) {
            blackhole.consume(reader.read(slot, snapshot, now));
            blackhole.consume(snapshot.bid());
        }

        void readWithClock(int slot, Blackhole blackhole) {
            blackhole.consume(reader.read(slot, snapshot));
            blackhole.consume(snapshot.bid());
        }
    }

    /** The baseline: one volatile long shared by the threads of a benchmark. */
    @State(Scope.Benchmark)
    public static class VolatileLong {
        private volatile long value;
        private long counter;
    }

    @Benchmark
    public void write(Book book) {
        book.update();
    }

    @Benchmark
    public void readUncontended(Book book, Blackhole blackhole) {
        book.read(book.quietSlot, blackhole);
    }

    @Benchmark
    public void writeWithClock(Book book) {
        book.updateWithClock();
    }

    @Benchmark
    public void readWithClock(Book book, Blackhole blackhole) {
        book.readWithClock(book.quietSlot, blackhole);
    }

    @Benchmark
    public long clock() {
        return SystemEpochNanoClock.instance().epochNanos();
    }

    /** The floor of any clock read: the monotonic clock, which is no epoch time. */
    @Benchmark
    public long clockNanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public void contendedWrite(Book book) {
        book.update();
    }

    @Benchmark
    @Group("contended")
    @GroupThreads(1)
    public void contendedRead(Book book, Blackhole blackhole) {
        book.read(book.busySlot, blackhole);
    }

    @Benchmark
    public void volatileWrite(VolatileLong state) {
        state.value = ++state.counter;
    }

    @Benchmark
    public long volatileRead(VolatileLong state) {
        return state.value;
    }

    @Benchmark
    @Group("volatileContended")
    @GroupThreads(1)
    public void volatileContendedWrite(VolatileLong state) {
        state.value = ++state.counter;
    }

    @Benchmark
    @Group("volatileContended")
    @GroupThreads(1)
    public long volatileContendedRead(VolatileLong state) {
        return state.value;
    }
}
