package io.tradingstack.protocol;

/**
 * {@code cancel}: strategy → order manager, for an order whose answer never came. It is
 * answered by exactly one {@code execution} of that {@code clientOrderId}: the order's own when
 * the order manager decided it, otherwise a REJECTED {@code CANCELLED} that also answers every
 * later copy of the order, so that the order can no longer fill. Either way the strategy knows
 * for certain what became of it.
 *
 * @param clientOrderId the order to settle: 1–64 printable ASCII characters
 * @param strategyId    the strategy that sent the order
 */
public record Cancel(String clientOrderId, String strategyId) implements Message {
    @Override
    public MessageType type() {
        return MessageType.CANCEL;
    }
}
