package io.tradingstack.gateway.recording;

import java.util.List;

import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.gateway.feed.NewsItem;
import io.tradingstack.gateway.feed.PriceQuote;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Symbols;

/**
 * The recording format: one CSV row per message sent, in the order sent, under a header.
 *
 * <pre>
 * feed,session,seq,ts,symbol,bid,ask,sentiment,headline
 * price,1718000000000,1,1718000000000123456,AAPL,190.01,190.03,,
 * news,1718000000000,1,1718000000000223456,MSFT,,,73,MSFT beats quarterly earnings estimates
 * </pre>
 *
 * Prices are exact decimals ({@link Prices#format}), read back with {@link Prices#parse}, so a
 * replay sends the very same prices. A headline is quoted when it holds a comma, a quote or a
 * line break.
 */
final class FeedCsv {

    static final String HEADER = "feed,session,seq,ts,symbol,bid,ask,sentiment,headline";
    static final int COLUMNS = 9;

    private FeedCsv() {
    }

    /** Appends the row of a price or news message, with its line break. */
    static void appendRow(Message message, StringBuilder out) {
        if (message instanceof PriceTick tick) {
            out.append(FeedKind.PRICE.tagValue()).append(',').append(tick.session()).append(',').append(tick.seq())
                    .append(',').append(tick.ts()).append(',').append(tick.symbol()).append(',')
                    .append(Prices.format(tick.bid())).append(',').append(Prices.format(tick.ask())).append(",,");
        } else if (message instanceof NewsTick news) {
            out.append(FeedKind.NEWS.tagValue()).append(',').append(news.session()).append(',').append(news.seq())
                    .append(',').append(news.ts()).append(',').append(news.symbol()).append(",,,")
                    .append(news.sentiment()).append(',');
            appendField(news.headline(), out);
        } else {
            throw new IllegalArgumentException("only price and news messages are recorded, got " + message.type());
        }
        out.append('\n');
    }

    /**
     * Reads a row back.
     *
     * @throws IllegalArgumentException naming the line and the field at fault
     */
    static RecordedRow parseRow(List<String> fields, long line) {
        if (fields.size() != COLUMNS) {
            throw new IllegalArgumentException("line " + line + ": " + fields.size() + " fields, expected " + COLUMNS);
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

    private static void appendField(String value, StringBuilder out) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
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
