package io.tradingstack.pricebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Prices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every check made from the test thread, on files the test creates, replaces and corrupts. */
class PriceBookOpenerTest {

    @TempDir
    Path directory;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000_000_000L);
    private PriceBookWriter writer;

    @AfterEach
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void shouldReportTheMissingBookThenOpenItWhenItAppears() {
        Path path = directory.resolve("pricebook.dat");
        PriceBookOpener opener = opener(path);
        assertThat(opener.problem()).isEqualTo("not looked for yet");

        assertThat(opener.check()).isFalse();
        assertThat(opener.isOpen()).isFalse();
        assertThat(opener.reader()).isNull();
        assertThat(opener.problem()).isEqualTo("no price book at " + path + " yet (the orderbook creates it)");

        writer = PriceBookWriter.open(path, 16, now::get);
        writer.update(writer.register("AAPL"), Prices.parse("100.00"), Prices.parse("100.02"), 1, now.get());

        assertThat(opener.check()).isTrue();
        assertThat(opener.problem()).isEmpty();
        assertThat(opener.openedAtNanos()).isEqualTo(now.get());
        assertThat(mid(opener, "AAPL")).isEqualTo(Prices.parse("100.01"));
        assertThat(opener.check()).as("the same file: nothing to open").isFalse();
    }

    @Test
    void shouldReopenABookReplacedByANewFile() throws Exception {
        Path path = directory.resolve("pricebook.dat");
        writer = PriceBookWriter.open(path, 16, now::get);
        writer.update(writer.register("AAPL"), Prices.parse("100.00"), Prices.parse("100.02"), 1, now.get());
        PriceBookOpener opener = opener(path);
        assertThat(opener.check()).isTrue();
        PriceBookReader first = opener.reader();

        replaceFile(path);
        writer.update(writer.register("MSFT"), Prices.parse("400.00"), Prices.parse("400.10"), 1, now.get());
        now.addAndGet(1_000);

        assertThat(opener.check()).isTrue();
        assertThat(opener.reader()).isNotSameAs(first);
        assertThat(opener.openedAtNanos()).isEqualTo(now.get());
        assertThat(mid(opener, "MSFT")).as("the new file's slot 0").isEqualTo(Prices.parse("400.05"));
        assertThat(opener.reader().slotOf("AAPL")).isNegative();
    }

    @Test
    void shouldKeepTheOpenBookWhileItsReplacementIsIncompatibleThenOpenTheReplacement() throws Exception {
        Path path = directory.resolve("pricebook.dat");
        writer = PriceBookWriter.open(path, 16, now::get);
        writer.update(writer.register("AAPL"), Prices.parse("100.00"), Prices.parse("100.02"), 1, now.get());
        PriceBookOpener opener = opener(path);
        opener.check();
        PriceBookReader first = opener.reader();

        replaceFile(path);
        writer.update(writer.register("AAPL"), Prices.parse("200.00"), Prices.parse("200.02"), 1, now.get());
        RawBookFile.putInt(path, PriceBookDescriptor.LAYOUT_VERSION_OFFSET, 7);

        assertThat(opener.check()).isFalse();
        assertThat(opener.reader()).as("the old mapping, until the new file is a book it can read").isSameAs(first);
        assertThat(opener.problem()).isEqualTo("Incompatible price book " + path + ": layout version found 7, expected "
            + PriceBookDescriptor.LAYOUT_VERSION);
        assertThat(mid(opener, "AAPL")).isEqualTo(Prices.parse("100.01"));

        RawBookFile.putInt(path, PriceBookDescriptor.LAYOUT_VERSION_OFFSET, PriceBookDescriptor.LAYOUT_VERSION);

        assertThat(opener.check()).isTrue();
        assertThat(opener.problem()).isEmpty();
        assertThat(mid(opener, "AAPL")).isEqualTo(Prices.parse("200.01"));
    }

    @Test
    void shouldKeepReadingTheOpenBookWhileItsFileIsGone() throws Exception {
        Path path = directory.resolve("pricebook.dat");
        writer = PriceBookWriter.open(path, 16, now::get);
        writer.update(writer.register("AAPL"), Prices.parse("100.00"), Prices.parse("100.02"), 1, now.get());
        PriceBookOpener opener = opener(path);
        opener.check();

        Files.delete(path);

        assertThat(opener.check()).isFalse();
        assertThat(opener.isOpen()).isTrue();
        assertThat(opener.problem()).isEmpty();
        assertThat(mid(opener, "AAPL")).isEqualTo(Prices.parse("100.01"));
    }

    /** An orderbook started on an empty volume: a new file (a new inode) where the old one was. */
    private void replaceFile(Path path) throws Exception {
        writer.close();
        Files.delete(path);
        writer = PriceBookWriter.open(path, 16, now::get);
    }

    private PriceBookOpener opener(Path path) {
        return new PriceBookOpener(new PriceBookReaderProperties(path, Duration.ofSeconds(1), 100, Duration.ofSeconds(1)),
            now::get);
    }

    private long mid(PriceBookOpener opener, String symbol) {
        PriceSnapshot snapshot = new PriceSnapshot();
        PriceBookReader reader = opener.reader();
        assertThat(reader.read(reader.slotOf(symbol), snapshot, now.get())).isEqualTo(SlotStatus.FRESH);
        return snapshot.mid();
    }
}
