package io.tradingstack.gateway.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.gateway.feed.NewsItem;
import io.tradingstack.gateway.feed.PriceQuote;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;
import org.junit.jupiter.api.Test;

class FeedCsvTest {

    @Test
    void shouldWriteAPriceRowWithExactDecimals() {
        StringBuilder row = new StringBuilder();

        FeedCsv.appendRow(new PriceTick(17, 3, "AAPL", Prices.parse("190.01"), Prices.parse("190.03"), 123456789L), row);

        assertThat(row).hasToString("price,17,3,123456789,AAPL,190.01,190.03,,\n");
    }

    @Test
    void shouldReadBackWhatItWroteIncludingHeadlinesWithCommasQuotesAndLineBreaks() throws Exception {
        StringBuilder file = new StringBuilder(FeedCsv.HEADER).append('\n');
        FeedCsv.appendRow(new PriceTick(17, 1, "MSFT", Prices.parse("420.12345678"), Prices.parse("420.2"), 10L), file);
        FeedCsv.appendRow(new NewsTick(17, 1, "AAPL", 73, "AAPL says \"hello\", world\r\nand more", 20L), file);
        FeedCsv.appendRow(new NewsTick(17, 2, "GOOGL", 0, "", 30L), file);

        List<RecordedRow> rows = read(file.toString());

        assertThat(rows).containsExactly(
                new RecordedRow(FeedKind.PRICE, 10L, new PriceQuote("MSFT", Prices.parse("420.12345678"), Prices.parse("420.2"))),
                new RecordedRow(FeedKind.NEWS, 20L, new NewsItem("AAPL", 73, "AAPL says \"hello\", world\r\nand more")),
                new RecordedRow(FeedKind.NEWS, 30L, new NewsItem("GOOGL", 0, "")));
    }

    @Test
    void shouldRefuseABadRowNamingItsLineAndField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FeedCsv.parseRow(List.of("price", "1", "1", "5", "AAPL", "190.01", "abc", "", ""), 7))
                .withMessageContaining("line 7").withMessageContaining("ask");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FeedCsv.parseRow(List.of("news", "1", "1", "5", "AAPL", "", "", "101", "x"), 8))
                .withMessageContaining("sentiment=101");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FeedCsv.parseRow(List.of("order", "1", "1", "5", "AAPL", "", "", "", ""), 9))
                .withMessageContaining("feed 'order'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FeedCsv.parseRow(List.of("price", "1"), 10))
                .withMessageContaining("2 fields");
    }

    @Test
    void shouldRefuseAQuotedFieldLeftOpen() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read(FeedCsv.HEADER + "\nnews,1,1,5,AAPL,,,50,\"never closed\n"))
                .withMessageContaining("not closed");
    }

    private static List<RecordedRow> read(String text) throws Exception {
        CsvReader reader = new CsvReader(new StringReader(text));
        assertThat(reader.next()).containsExactly(FeedCsv.HEADER.split(","));
        List<RecordedRow> rows = new ArrayList<>();
        long line = reader.line();
        List<String> fields;
        while ((fields = reader.next()) != null) {
            rows.add(FeedCsv.parseRow(fields, line));
            line = reader.line();
        }
        return rows;
    }
}
