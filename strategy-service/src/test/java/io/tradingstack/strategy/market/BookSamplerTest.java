package io.tradingstack.strategy.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.pricebook.PriceBookWriter;
import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.Prices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookSamplerTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path directory;

    private final AtomicLong now = new AtomicLong(1_700_000_000L * SECOND);
    private PriceBookWriter writer;

    @AfterEach
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void shouldReportUnavailableUntilTheBookAppearsThenOpenIt() {
        Path path = directory.resolve("pricebook.dat");
        BookSampler sampler = sampler(path, "AAPL", "MSFT");

        sampler.sample();

        assertThat(sampler.isOpen()).isFalse();
        assertThat(sampler.problem()).contains("no price book at " + path);
        assertThat(sampler.sampled(0).status()).isEqualTo(SlotStatus.UNAVAILABLE);

        writer = PriceBookWriter.open(path, 16, now::get);
        int aapl = writer.register("AAPL");
        writer.update(aapl, Prices.parse("100.00"), Prices.parse("100.02"), 1, now.get());
        sampler.sample();
        assertThat(sampler.isOpen()).as("not looked for again before the retry interval").isFalse();

        now.addAndGet(SECOND);
        writer.update(aapl, Prices.parse("100.00"), Prices.parse("100.02"), 2, now.get());
        sampler.sample();

        assertThat(sampler.isOpen()).isTrue();
        assertThat(sampler.problem()).isEmpty();
        assertThat(sampler.sampled(0).status()).isEqualTo(SlotStatus.FRESH);
        assertThat(sampler.sampled(0).mid()).isEqualTo(Prices.parse("100.01"));
        assertThat(sampler.sampled(0).freshSamples()).isEqualTo(1);
        assertThat(sampler.sampled(1).status()).as("not registered by the writer yet").isEqualTo(SlotStatus.EMPTY);

        int msft = writer.register("MSFT");
        writer.update(msft, Prices.parse("400.00"), Prices.parse("400.10"), 3, now.get());
        sampler.sample();
        assertThat(sampler.sampled(1).status()).isEqualTo(SlotStatus.FRESH);
        assertThat(sampler.sampled(1).mid()).isEqualTo(Prices.parse("400.05"));
    }

    @Test
    void shouldReportAStaleSlotAndNeitherCountItNorForgetTheLastFreshMid() {
        Path path = directory.resolve("pricebook.dat");
        writer = PriceBookWriter.open(path, 16, now::get);
        int aapl = writer.register("AAPL");
        writer.update(aapl, Prices.parse("100.00"), Prices.parse("100.02"), 1, now.get());
        BookSampler sampler = sampler(path, "AAPL");
        sampler.sample();

        now.addAndGet(2 * SECOND);
        sampler.sample();

        assertThat(sampler.sampled(0).status()).isEqualTo(SlotStatus.STALE);
        assertThat(sampler.sampled(0).freshSamples()).isEqualTo(1);
        assertThat(sampler.sampled(0).mid()).isEqualTo(Prices.parse("100.01"));
        assertThat(sampler.readNow(0)).isEqualTo(SlotStatus.STALE);
        assertThat(sampler.lastReadMid()).isZero();

        writer.update(aapl, Prices.parse("101.00"), Prices.parse("101.02"), 2, now.get());
        assertThat(sampler.readNow(0)).isEqualTo(SlotStatus.FRESH);
        assertThat(sampler.lastReadMid()).isEqualTo(Prices.parse("101.01"));
    }

    @Test
    void shouldReopenABookThatWasReplacedByANewFile() throws Exception {
        Path path = directory.resolve("pricebook.dat");
        writer = PriceBookWriter.open(path, 16, now::get);
        writer.update(writer.register("AAPL"), Prices.parse("100.00"), Prices.parse("100.02"), 1, now.get());
        BookSampler sampler = sampler(path, "AAPL");
        sampler.sample();
        assertThat(sampler.sampled(0).mid()).isEqualTo(Prices.parse("100.01"));

        // An orderbook started on an empty volume: a new file where the old one was.
        writer.close();
        Files.delete(path);
        writer = PriceBookWriter.open(path, 16, now::get);
        writer.update(writer.register("AAPL"), Prices.parse("200.00"), Prices.parse("200.02"), 1, now.get());
        sampler.sample();
        assertThat(sampler.sampled(0).mid()).as("the old mapping, until the file is checked again").isEqualTo(
            Prices.parse("100.01"));

        now.addAndGet(SECOND);
        writer.update(0, Prices.parse("200.00"), Prices.parse("200.02"), 2, now.get());
        sampler.sample();

        assertThat(sampler.sampled(0).status()).isEqualTo(SlotStatus.FRESH);
        assertThat(sampler.sampled(0).mid()).isEqualTo(Prices.parse("200.01"));
    }

    private BookSampler sampler(Path path, String... symbols) {
        return new BookSampler(new PriceBookReaderProperties(path, Duration.ofSeconds(1), 100, Duration.ofSeconds(1)),
            List.of(symbols), now::get);
    }
}
