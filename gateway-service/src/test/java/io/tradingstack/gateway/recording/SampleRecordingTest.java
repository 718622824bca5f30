package io.tradingstack.gateway.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.gateway.feed.NewsItem;
import org.junit.jupiter.api.Test;

/**
 * The recording shipped for users, {@code samples/news-and-prices.csv} (the repository root seen
 * from this module): every row reads, in time order, over the three symbols the strategy trades by
 * default, with news on both sides of its sentiment threshold. That it makes the stack trade is
 * {@code SampleReplayIT}'s (system-tests).
 */
class SampleRecordingTest {

    private static final Path SAMPLE = Path.of("..", "samples", "news-and-prices.csv");

    @Test
    void shouldReadEveryRowOfTheShippedSampleInTimeOrder() throws Exception {
        List<RecordedRow> rows = new ArrayList<>();
        try (FeedCsvReader reader = new FeedCsvReader(Files.newBufferedReader(SAMPLE, StandardCharsets.UTF_8))) {
            RecordedRow row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        }

        assertThat(Files.readAllLines(SAMPLE, StandardCharsets.UTF_8)).hasSize(rows.size() + 1);
        assertThat(rows).hasSizeBetween(1_000, 5_000);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).ts()).as("row %d in time order", i + 1).isGreaterThanOrEqualTo(rows.get(i - 1).ts());
        }
        List<NewsItem> news = rows.stream().filter(row -> row.feed() == FeedKind.NEWS)
                .map(row -> (NewsItem) row.data()).toList();
        assertThat(news).extracting(NewsItem::symbol).contains("AAPL", "MSFT", "GOOGL");
        assertThat(news).anySatisfy(item -> assertThat(item.sentiment()).isGreaterThan(50))
                .anySatisfy(item -> assertThat(item.sentiment()).isLessThan(50));
    }
}
