package io.tradingstack.protocol;

/**
 * {@code price}: gateway → subscribers. One top-of-book quote.
 *
 * @param session gateway session, positive, new at every gateway start
 * @param seq     per-feed sequence, from 1
 * @param symbol  1–16 printable ASCII characters
 * @param bid     fixed point ({@link Prices#SCALE}), positive
 * @param ask     fixed point, not below {@code bid}
 * @param ts      emit time, epoch nanoseconds
 */
public record PriceTick(long session, long seq, String symbol, long bid, long ask, long ts) implements Message {
    @Override
    public MessageType type() {
        return MessageType.PRICE;
    }
}
