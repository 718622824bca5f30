package io.tradingstack.benchmarks.journal;

import io.tradingstack.journal.FlushPolicy;
import io.tradingstack.journal.Journal;
import io.tradingstack.journal.JournalChannel;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one journal commit under each {@link FlushPolicy}: {@code batch} records of 352
 * bytes (an order and its execution, as the order manager journals them) appended, then
 * committed. {@code batch=1} is an order that arrived alone; {@code batch=16} is sixteen that
 * arrived together and share the commit (one fsync under BATCH, sixteen under RECORD).
 *
 * <p>The file lives next to the benchmarks jar ({@code benchmarks/target/journal-benchmark/}),
 * on the disk the build runs on, never in {@code java.io.tmpdir}: where that is a tmpfs an
 * fsync is free and the numbers would lie. A new file per iteration keeps it from growing for
 * the whole run (PAGE_CACHE with 16 records per commit writes about 1 GB a second).
 *
 * <p>Run: {@code benchmarks/jmh JournalBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JournalBenchmark {

    @Param({"PAGE_CACHE", "BATCH", "RECORD"})
    public FlushPolicy policy;

    @Param({"1", "16"})
    public int batch;

    private Path directory;
    private Path file;
    private Journal journal;
    private byte[] record;

    @Setup(Level.Trial)
    public void setUp() throws IOException, URISyntaxException {
        Path jar = Path.of(JournalBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        directory = Files.createDirectories(jar.getParent().resolve("journal-benchmark"));
        record = orderRecord();
    }

    /** An order and its execution as JSON, as the order manager's journal holds them: 352 bytes. */
    static byte[] orderRecord() {
        MessageCodec codec = new MessageCodec();
        long ts = 1_732_492_800_123_456_789L;
        byte[] order = codec.toPayload(new Order("momentum-1-mwvfhixg-000042", "momentum-1", "GOOGL", Side.BUY, 100,
            Prices.parse("141.80"), ts));
        byte[] execution = codec.toPayload(Execution.filled("momentum-1-mwvfhixg-000042", 42, 100,
            Prices.parse("141.79"), ts + 35_000));
        byte[] record = new byte[13 + order.length + execution.length];
        System.arraycopy(order, 0, record, 13, order.length);
        System.arraycopy(execution, 0, record, 13 + order.length, execution.length);
        return record;
    }

    @Setup(Level.Iteration)
    public void openJournal() throws IOException {
        file = directory.resolve(policy + "-" + batch + ".journal");
        Files.deleteIfExists(file);
        journal = Journal.open(file, policy, JournalChannel.files(), (offset, bytes, from, length) -> {
        });
    }

    @TearDown(Level.Iteration)
    public void deleteJournal() throws IOException {
        journal.close();
        Files.deleteIfExists(file);
    }

    /** One commit of {@code batch} records: the time an order waits for the journal before its answer. */
    @Benchmark
    public long commit() {
        for (int i = 0; i < batch; i++) {
            journal.append(record);
        }
        journal.commit();
        return journal.size();
    }
}
