package io.tradingstack.gateway.news;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.tradingstack.gateway.feed.NewsItem;
import org.junit.jupiter.api.Test;

class NewsGeneratorTest {

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOGL");

    @Test
    void shouldGenerateNewsAboutTheSymbolsWithSentimentFromZeroToAHundredAndAHeadlineNamingTheSymbol() {
        List<NewsItem> news = news(1, 10_000);

        assertThat(news).allSatisfy(item -> {
            assertThat(item.symbol()).isIn(SYMBOLS);
            assertThat(item.sentiment()).isBetween(0, 100);
            assertThat(item.headline()).contains(item.symbol());
        });
        assertThat(news).extracting(NewsItem::sentiment).contains(0, 100);
        assertThat(news).extracting(NewsItem::symbol).containsAll(SYMBOLS);
    }

    @Test
    void shouldRepeatTheNewsForTheSameSeed() {
        assertThat(news(7, 500)).isEqualTo(news(7, 500)).isNotEqualTo(news(8, 500));
    }

    @Test
    void shouldPickTheHeadlineToneFromTheSentiment() {
        assertThat(Headlines.tone(0)).isZero();
        assertThat(Headlines.tone(20)).isZero();
        assertThat(Headlines.tone(50)).isEqualTo(2);
        assertThat(Headlines.tone(100)).isEqualTo(4);
    }

    private static List<NewsItem> news(long seed, int count) {
        NewsGenerator generator = new NewsGenerator(SYMBOLS, seed);
        List<NewsItem> news = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            news.add(generator.next());
        }
        return news;
    }
}
