package io.tradingstack.gateway.recording;

import java.io.Writer;

import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * Appends {@link FeedCsv} rows to a file as messages come, through Jackson's streaming CSV
 * generator: each row is an array of the nine columns, fields written one by one (no row object),
 * the columns a message does not have left empty. Rows sit in the generator's buffer until
 * {@link #flush()}. Not thread-safe: the {@code feed-recorder} agent is its one user.
 */
final class FeedCsvWriter implements AutoCloseable {

    private final JsonGenerator csv;

    /** @param out closed with this writer */
    FeedCsvWriter(Writer out) {
        this.csv = FeedCsv.MAPPER.createGenerator(out);
    }

    /** @throws JacksonException when the file cannot be written */
    void writeHeader() {
        csv.writeStartArray();
        for (String column : FeedCsv.COLUMNS) {
            csv.writeString(column);
        }
        csv.writeEndArray();
    }

    /**
     * @throws IllegalArgumentException for a message other than price or news
     * @throws JacksonException when the file cannot be written
     */
    void write(Message message) {
        if (message instanceof PriceTick tick) {
            startRow(FeedKind.PRICE, tick.session(), tick.seq(), tick.ts(), tick.symbol());
            csv.writeString(Prices.format(tick.bid()));
            csv.writeString(Prices.format(tick.ask()));
            csv.writeString(""); // sentiment: not this message's
            csv.writeString(""); // headline: not this message's
        } else if (message instanceof NewsTick news) {
            startRow(FeedKind.NEWS, news.session(), news.seq(), news.ts(), news.symbol());
            csv.writeString(""); // bid: not this message's
            csv.writeString(""); // ask: not this message's
            csv.writeNumber(news.sentiment());
            csv.writeString(news.headline());
        } else {
            throw new IllegalArgumentException("only price and news messages are recorded, got " + message.type());
        }
        csv.writeEndArray();
    }

    /** Hands the buffered rows to the file and flushes it. */
    void flush() {
        csv.flush();
    }

    @Override
    public void close() {
        csv.close();
    }

    private void startRow(FeedKind feed, long session, long seq, long ts, String symbol) {
        csv.writeStartArray();
        csv.writeString(feed.tagValue());
        csv.writeNumber(session);
        csv.writeNumber(seq);
        csv.writeNumber(ts);
        csv.writeString(symbol);
    }
}
