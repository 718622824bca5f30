package io.tradingstack.protocol;

/** Outcome of an order: immediate-or-cancel, so an order is either filled whole or rejected. */
public enum ExecutionStatus {
    FILLED,
    REJECTED
}
