package io.tradingstack.gateway.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.gateway.feed.NewsItem;
import io.tradingstack.gateway.feed.PriceQuote;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;
import org.junit.jupiter.api.Test;

/** The format through Jackson's CSV reader and writer: rows written, read back, and refused. */
class FeedCsvTest {

    @Test
    void shouldWriteAPriceRowWithExactDecimals() {
        String row = write(new PriceTick(17, 3, "AAPL", Prices.parse("190.01"), Prices.parse("190.03"), 123456789L));

        assertThat(row).isEqualTo("price,17,3,123456789,AAPL,190.01,190.03,,\n");
    }

    @Test
    void shouldQuoteAHeadlineOnlyWhenItMustBe() {
        assertThat(write(new NewsTick(17, 1, "AAPL", 73, "AAPL beats estimates", 20L)))
                .isEqualTo("news,17,1,20,AAPL,,,73,AAPL beats estimates\n");
        assertThat(write(new NewsTick(17, 1, "AAPL", 73, "AAPL, \"the\" maker", 20L)))
                .isEqualTo("news,17,1,20,AAPL,,,73,\"AAPL, \"\"the\"\" maker\"\n");
    }

    @Test
    void shouldReadBackWhatItWroteIncludingHeadlinesWithCommasQuotesAndLineBreaks() throws Exception {
        String file = FeedCsv.HEADER + "\n" + write(
                new PriceTick(17, 1, "MSFT", Prices.parse("420.12345678"), Prices.parse("420.2"), 10L),
                new NewsTick(17, 1, "AAPL", 73, "AAPL says \"hello\", world\r\nand more", 20L),
                new NewsTick(17, 2, "GOOGL", 0, "", 30L));

        List<RecordedRow> rows = read(file);

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
                .isThrownBy(() -> read(FeedCsv.HEADER + "\nprice,1,1,5,AAPL,1,2,,\nnews,1,1,5,AAPL,,,50,\"never closed\n"))
                .withMessageContaining("line 3").withMessageContaining("closing quote");
    }

    @Test
    void shouldNameTheLineABadRowStartsOnAfterBlankLinesAndQuotedLineBreaksAndReadOnPastIt() {
        FeedCsvReader reader = new FeedCsvReader(new StringReader(FeedCsv.HEADER + "\n\n"
                + "news,1,1,5,AAPL,,,50,\"two\nlines\"\n"
                + "news,1,2,6,AAPL,,,50,\"bad\"quote\n"
                + "price,1,1,7,AAPL,1,x,,\n"
                + "price,1,2,8,AAPL,1,2,,\n"));

        assertThat(reader.next().data()).isEqualTo(new NewsItem("AAPL", 50, "two\nlines"));
        assertThatIllegalArgumentException().isThrownBy(reader::next).withMessageStartingWith("line 5: not valid CSV");
        assertThatIllegalArgumentException().isThrownBy(reader::next).withMessageStartingWith("line 6: ask 'x'");
        assertThat(reader.next().data()).isEqualTo(new PriceQuote("AAPL", Prices.parse("1"), Prices.parse("2")));
        assertThat(reader.next()).isNull();
    }

    @Test
    void shouldRefuseInputWithoutTheRecordersHeader() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FeedCsvReader(new StringReader("feed,seq\n")))
                .withMessage("starts with 'feed,seq', expected the recorder's header '" + FeedCsv.HEADER + "'");
        assertThatIllegalArgumentException().isThrownBy(() -> new FeedCsvReader(new StringReader("")))
                .withMessageStartingWith("starts with ''");
    }

    private static String write(Message... messages) {
        StringWriter out = new StringWriter();
        try (FeedCsvWriter writer = new FeedCsvWriter(out)) {
            for (Message message : messages) {
                writer.write(message);
            }
        }
        return out.toString();
    }

    private static List<RecordedRow> read(String text) {
        List<RecordedRow> rows = new ArrayList<>();
        try (FeedCsvReader reader = new FeedCsvReader(new StringReader(text))) {
            RecordedRow row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }
}
