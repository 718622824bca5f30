package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.PriceTick;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The price book compared with what a raw subscriber (a {@link FeedTap}) saw the gateway send. */
final class BookMatchesTap {

    private BookMatchesTap() {
    }

    /**
     * Every symbol's slot becomes fresh and holds exactly a tick the tap received after
     * {@code fromSeq}: same session, sequence, bid, ask and emit time.
     *
     * @param when what the moment is, for failure messages
     */
    static void assertBookHoldsTapsTicks(Path book, List<String> symbols, FeedTap tap, long fromSeq, String when,
            Duration timeout) {
        PriceBookReader reader = PriceBookReader.open(book, Duration.ofSeconds(2), 1_000, SystemEpochNanoClock.instance());
        PriceSnapshot snapshot = new PriceSnapshot();
        for (String symbol : symbols) {
            Deadline.await(when + ": " + symbol + " written from a tick after seq " + fromSeq + " that the tap saw",
                    timeout, () -> {
                        int slot = reader.slotOf(symbol);
                        return slot >= 0 && reader.read(slot, snapshot) == SlotStatus.FRESH
                                && snapshot.feedSequence() > fromSeq && tap.tick(snapshot.feedSequence()) != null;
                    });
            PriceTick sent = tap.tick(snapshot.feedSequence());
            assertThat(sent.symbol()).as(when + ": symbol of seq " + sent.seq()).isEqualTo(symbol);
            assertThat(sent.session()).as(when + ": session of seq " + sent.seq()).isEqualTo(tap.session());
            assertThat(snapshot.bid()).as(when + ": bid of " + symbol).isEqualTo(sent.bid());
            assertThat(snapshot.ask()).as(when + ": ask of " + symbol).isEqualTo(sent.ask());
            assertThat(snapshot.tickTimestamp()).as(when + ": ts of " + symbol).isEqualTo(sent.ts());
        }
    }
}
