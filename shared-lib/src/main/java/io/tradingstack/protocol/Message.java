package io.tradingstack.protocol;

/**
 * One JSON object on the wire. Each record is immutable; the codec writes no
 * nulls, so an optional field that is absent is given by a sentinel documented on the record.
 */
public sealed interface Message extends Decoded
        permits PriceTick, NewsTick, Heartbeat, ReplayRequest, Reset, Logon, Order, Execution, Cancel, ErrorFrame {

    /** The value of this message's {@code type} field. */
    MessageType type();
}
