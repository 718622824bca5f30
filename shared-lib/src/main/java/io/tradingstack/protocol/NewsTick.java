package io.tradingstack.protocol;

/**
 * {@code news}: gateway → subscribers.
 *
 * @param sentiment 0 (very negative) to 100 (very positive)
 * @param headline  free text, any Unicode
 * @param ts        emit time, epoch nanoseconds; an order it causes carries it as {@code originTs}
 */
public record NewsTick(long session, long seq, String symbol, int sentiment, String headline, long ts)
        implements Message {
    @Override
    public MessageType type() {
        return MessageType.NEWS;
    }
}
