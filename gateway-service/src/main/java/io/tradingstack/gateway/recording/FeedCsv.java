package io.tradingstack.gateway.recording;

import java.util.List;

import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.gateway.feed.NewsItem;
import io.tradingstack.gateway.feed.PriceQuote;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Symbols;

import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * The recording format: one CSV row per message sent, in the order sent, under a header
 * (docs/recording.md describes every column).
 *
 * <pre>
 * feed,session,seq,ts,symbol,bid,ask,sentiment,headline
 * price,1718000000000,1,1718000000000123456,AAPL,190.01,190.03,,
 * news,1718000000000,1,1718000000000223456,MSFT,,,73,MSFT beats quarterly earnings estimates
 * </pre>
 *
 * Jackson's CSV format reads and writes the rows ({@link FeedCsvReader}, {@link FeedCsvWriter});
 * this class holds what the columns mean. Prices are exact decimals ({@link Prices#format}), read
 * back with {@link Prices#parse}, so a replay sends the very same prices. A headline is quoted
 * only when it holds a comma, a quote or a line break.
 */
final class FeedCsv {

    static final List<String> COLUMNS = List.of("feed", "session", "seq", "ts", "symbol", "bid", "ask", "sentiment",
            "headline");
    static final String HEADER = String.join(",", COLUMNS);

    /**
     * Rows as arrays of strings (the columns are checked here, with messages that name them), blank
     * lines skipped as before; on writing, quotes only where RFC 4180 needs them (Jackson's default
     * would also quote every headline with a space in it).
     */
    static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvReadFeature.WRAP_AS_ARRAY, CsvReadFeature.SKIP_EMPTY_LINES)
            .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private FeedCsv() {
    }

    /**
     * Reads a row back.
     *
     * @param line the line the row starts on, for the message
     * @throws IllegalArgumentException naming the line and the field at fault
     */
    static RecordedRow parseRow(List<String> fields, long line) {
        if (fields.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("line " + line + ": " + fields.size() + " fields, expected " + COLUMNS.size());
        }
        long ts = parseLong(fields.get(3), "ts", line);
        String symbol = fields.get(4);
        if (!Symbols.isValid(symbol)) {
            throw new IllegalArgumentException("line " + line + ": symbol '" + symbol + "' is not a valid symbol");
        }
        String feed = fields.get(0);
        if (FeedKind.PRICE.tagValue().equals(feed)) {
            long bid = parsePrice(fields.get(5), "bid", line);
            long ask = parsePrice(fields.get(6), "ask", line);
            if (bid <= 0 || ask < bid) {
                throw new IllegalArgumentException("line " + line + ": bid=" + fields.get(5) + ", ask=" + fields.get(6)
                        + ": needs 0 < bid <= ask");
            }
            return new RecordedRow(FeedKind.PRICE, ts, new PriceQuote(symbol, bid, ask));
        }
        if (FeedKind.NEWS.tagValue().equals(feed)) {
            long sentiment = parseLong(fields.get(7), "sentiment", line);
            if (sentiment < 0 || sentiment > 100) {
                throw new IllegalArgumentException("line " + line + ": sentiment=" + sentiment + ", must be 0..100");
            }
            return new RecordedRow(FeedKind.NEWS, ts, new NewsItem(symbol, (int) sentiment, fields.get(8)));
        }
        throw new IllegalArgumentException("line " + line + ": feed '" + feed + "', expected price or news");
    }

    private static long parseLong(String text, String name, long line) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": " + name + " '" + text + "' is not an integer");
        }
    }

    private static long parsePrice(String text, String name, long line) {
        try {
            return Prices.parse(text);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": " + name + " '" + text
                    + "' is not a price with at most " + Prices.DECIMALS + " decimals");
        }
    }
}
