package io.tradingstack.ordermanager;

/**
 * A rejection decided by one of the checks: the stable reason, and {@code key=value} context for
 * the order log (never sent on the wire, where the reason alone is the contract).
 */
public record Rejection(RejectReason reason, String detail) {
}
