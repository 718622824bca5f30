package io.tradingstack.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedWarmUpTest {

    private final FeedClientConfig config = FeedClientConfig.defaults("127.0.0.1", 8000);

    @Test
    void shouldDecodeAndDeliverEverySyntheticPriceInSequence() {
        List<PriceTick> ticks = new ArrayList<>();

        long delivered = new FeedWarmUp(Feed.PRICE, config).run(5_000, new FeedListener() {
            @Override
            public void onPrice(PriceTick tick) {
                ticks.add(tick);
            }
        }, () -> true);

        assertThat(delivered).isEqualTo(5_000);
        assertThat(ticks).hasSize(5_000);
        for (int i = 0; i < ticks.size(); i++) {
            PriceTick tick = ticks.get(i);
            assertThat(tick.seq()).isEqualTo(i + 1);
            assertThat(tick.symbol()).startsWith("WARM");
            assertThat(tick.ask()).isGreaterThan(tick.bid());
        }
    }

    @Test
    void shouldDeliverNewsTicksOnANewsFeed() {
        List<NewsTick> news = new ArrayList<>();

        long delivered = new FeedWarmUp(Feed.NEWS, config).run(600, new FeedListener() {
            @Override
            public void onNews(NewsTick tick) {
                news.add(tick);
            }
        }, () -> true);

        assertThat(delivered).isEqualTo(600);
        assertThat(news).extracting(NewsTick::seq).containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, 600).boxed().toList());
    }

    @Test
    void shouldStopAtTheNextReadOnceTheClientStops() {
        int[] reads = new int[1];

        long delivered = new FeedWarmUp(Feed.PRICE, config).run(1_000_000, new FeedListener() {
        }, () -> reads[0]++ < 2);

        assertThat(delivered).isEqualTo(2L * FeedWarmUp.FRAMES_PER_READ);
    }
}
