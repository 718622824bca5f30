package io.tradingstack.pricebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Prices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every check made from the test thread, on files the test creates, replaces and corrupts. */
class PriceBookOpenerTest {

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000_000_000L);
    private Path book;
    private PriceBookWriter orderbook;
    private PriceBookOpener opener;

    @BeforeEach
    void createOpener(@TempDir Path directory) {
        book = directory.resolve("pricebook.dat");
        opener = new PriceBookOpener(new PriceBookReaderProperties(book, Duration.ofSeconds(1), 100, Duration.ofSeconds(1)),
            clock::get);
    }

    @AfterEach
    void stopOrderbook() {
        if (orderbook != null) {
            orderbook.close();
        }
    }

    @Test
    void shouldReportTheMissingBookThenOpenItWhenItAppears() throws Exception {
        assertThat(opener.problem()).isEqualTo("not looked for yet");

        assertThat(opener.check()).isFalse();
        assertThat(opener.isOpen()).isFalse();
        assertThat(opener.reader()).isNull();
        assertThat(opener.problem()).isEqualTo("no price book at " + book + " yet (the orderbook creates it)");

        startOrderbookOnANewFile("AAPL", "100.00");

        assertThat(opener.check()).isTrue();
        assertThat(opener.problem()).isEmpty();
        assertThat(opener.openedAtNanos()).isEqualTo(clock.get());
        assertThat(mid("AAPL")).isEqualTo(Prices.parse("100.01"));
        assertThat(opener.check()).as("the same file: nothing to open").isFalse();
    }

    @Test
    void shouldReopenABookReplacedByANewFile() throws Exception {
        startOrderbookOnANewFile("AAPL", "100.00");
        assertThat(opener.check()).isTrue();
        PriceBookReader first = opener.reader();

        startOrderbookOnANewFile("MSFT", "400.00");
        clock.addAndGet(1_000);

        assertThat(opener.check()).isTrue();
        assertThat(opener.reader()).isNotSameAs(first);
        assertThat(opener.openedAtNanos()).isEqualTo(clock.get());
        assertThat(mid("MSFT")).as("the new file's slot 0").isEqualTo(Prices.parse("400.01"));
        assertThat(opener.reader().slotOf("AAPL")).isNegative();
    }

    @Test
    void shouldKeepTheOpenBookWhileItsReplacementIsIncompatibleThenOpenTheReplacement() throws Exception {
        startOrderbookOnANewFile("AAPL", "100.00");
        opener.check();
        PriceBookReader first = opener.reader();

        startOrderbookOnANewFile("AAPL", "200.00");
        RawBookFile.putInt(book, PriceBookDescriptor.LAYOUT_VERSION_OFFSET, 7);

        assertThat(opener.check()).isFalse();
        assertThat(opener.reader()).as("the old mapping, until the new file is a book it can read").isSameAs(first);
        assertThat(opener.problem()).isEqualTo("Incompatible price book " + book + ": layout version found 7, expected "
            + PriceBookDescriptor.LAYOUT_VERSION);
        assertThat(mid("AAPL")).isEqualTo(Prices.parse("100.01"));

        RawBookFile.putInt(book, PriceBookDescriptor.LAYOUT_VERSION_OFFSET, PriceBookDescriptor.LAYOUT_VERSION);

        assertThat(opener.check()).isTrue();
        assertThat(opener.problem()).isEmpty();
        assertThat(mid("AAPL")).isEqualTo(Prices.parse("200.01"));
    }

    @Test
    void shouldKeepReadingTheOpenBookWhileItsFileIsGone() throws Exception {
        startOrderbookOnANewFile("AAPL", "100.00");
        opener.check();

        Files.delete(book);

        assertThat(opener.check()).isFalse();
        assertThat(opener.isOpen()).isTrue();
        assertThat(opener.problem()).isEmpty();
        assertThat(mid("AAPL")).isEqualTo(Prices.parse("100.01"));
    }

    /**
     * An orderbook started on an empty volume: a new file (a new inode) where the old one was,
     * with one symbol quoted at {@code bid} and a 0.02 spread.
     */
    private void startOrderbookOnANewFile(String symbol, String bid) throws IOException {
        if (orderbook != null) {
            orderbook.close();
            Files.delete(book);
        }
        orderbook = PriceBookWriter.open(book, 16, clock::get);
        long price = Prices.parse(bid);
        orderbook.update(orderbook.register(symbol), price, price + Prices.parse("0.02"), 1, clock.get());
    }

    private long mid(String symbol) {
        PriceSnapshot snapshot = new PriceSnapshot();
        PriceBookReader reader = opener.reader();
        assertThat(reader.read(reader.slotOf(symbol), snapshot, clock.get())).isEqualTo(SlotStatus.FRESH);
        return snapshot.mid();
    }
}
