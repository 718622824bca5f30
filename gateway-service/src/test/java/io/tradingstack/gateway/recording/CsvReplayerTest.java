package io.tradingstack.gateway.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.tradingstack.agent.WakeableIdleStrategy;
import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.gateway.feed.NewsItem;
import io.tradingstack.gateway.feed.PriceQuote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay agent driven from the test thread, on a clock the test moves. */
class CsvReplayerTest {

    private static final long MILLI = 1_000_000L;

    @TempDir
    Path directory;

    private final AtomicLong now = new AtomicLong(3_000 * MILLI);
    private final List<String> published = new ArrayList<>();

    @Test
    void shouldKeepTheRecordedSpacingDividedByTheSpeed() throws Exception {
        CsvReplayer replayer = replayer(recording(), 2.0, false);

        assertThat(replayer.doWork()).as("the first row at once").isEqualTo(1);
        assertThat(published).containsExactly("PRICE AAPL");

        now.addAndGet(5 * MILLI - 1); // recorded 10 ms later, at twice the pace: due 5 ms after the first
        assertThat(replayer.doWork()).isZero();
        now.addAndGet(1);
        assertThat(replayer.doWork()).isEqualTo(1);
        assertThat(published).containsExactly("PRICE AAPL", "NEWS MSFT");

        now.addAndGet(10 * MILLI);
        assertThat(replayer.doWork()).as("the last row, then the end of the file").isEqualTo(2);
        assertThat(replayer.doWork()).as("finished: not looping").isZero();
        assertThat(published).containsExactly("PRICE AAPL", "NEWS MSFT", "PRICE MSFT");
    }

    @Test
    void shouldPlayAsFastAsTheFeedsTakeThemSkippingBadRowsAndLoopWhenAsked() throws Exception {
        CsvReplayer replayer = replayer(recording(), 0, true);

        assertThat(replayer.doWork()).as("three rows and the end of the file in one cycle").isEqualTo(4);
        assertThat(replayer.doWork()).isEqualTo(4);

        assertThat(published).containsExactly("PRICE AAPL", "NEWS MSFT", "PRICE MSFT", "PRICE AAPL", "NEWS MSFT",
                "PRICE MSFT");
    }

    @Test
    void shouldBoundTheRowsOfOneCycle() throws Exception {
        StringBuilder csv = new StringBuilder(FeedCsv.HEADER).append('\n');
        for (int i = 0; i < CsvReplayer.MAX_ROWS_PER_CYCLE + 1; i++) {
            csv.append("price,1,").append(i + 1).append(',').append(i).append(",AAPL,1.00,1.01,,\n");
        }
        CsvReplayer replayer = replayer(write(csv.toString()), 0, false);

        assertThat(replayer.doWork()).isEqualTo(CsvReplayer.MAX_ROWS_PER_CYCLE);
        assertThat(replayer.doWork()).as("the last row and the end of the file").isEqualTo(2);
        assertThat(published).hasSize(CsvReplayer.MAX_ROWS_PER_CYCLE + 1);
    }

    @Test
    void shouldParkUntilTheNextRowIsDue() throws Exception {
        CsvReplayer replayer = replayer(recording(), 1.0, false);
        replayer.doWork();
        replayer.doWork(); // reads the next row, due 10 ms after the first

        assertThat(published).hasSize(1);
        WakeableIdleStrategy idle = replayer.idleStrategy();
        now.addAndGet(10 * MILLI); // due now: no park, whatever the bound
        idle.idle(0);
        assertThat(replayer.doWork()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAFileWithoutTheRecordersHeader() throws Exception {
        Path file = write("feed,seq\n");

        assertThatIllegalStateException().isThrownBy(() -> replayer(file, 1.0, false))
                .withMessageContaining("expected the recorder's header");
    }

    /** Two prices and a news item 10 ms apart, and a bad row. */
    private Path recording() throws Exception {
        return write(FeedCsv.HEADER + "\n"
                + "price,9,1,1000000000,AAPL,190.01,190.03,,\n"
                + "\n"
                + "news,9,1,1010000000,MSFT,,,70,up\n"
                + "price,9,2,1015000000,MSFT,abc,420.10,,\n"
                + "price,9,3,1020000000,MSFT,420.00,420.10,,\n");
    }

    private Path write(String text) throws Exception {
        Path file = directory.resolve("feeds.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private CsvReplayer replayer(Path file, double speed, boolean loop) {
        return new CsvReplayer(new GatewayProperties.Replay(file, speed, false, loop), (kind, data) -> published.add(
                kind.name() + " " + (kind == FeedKind.PRICE ? ((PriceQuote) data).symbol() : ((NewsItem) data).symbol())),
                now::get);
    }
}
