package io.tradingstack.ordermanager.server;

/**
 * Why the order protocol sent an {@code error} frame and closed a connection, beyond the decode
 * failures and the frame server's own refusals of shared-lib (which are sent under their own
 * names). The name is the wire {@code reason} and the {@code reason} tag of
 * {@code trading.frames.invalid}.
 */
enum SessionRefusal {
    /** Tokens are configured and the first frame was not a {@code logon} with a matching token. */
    AUTH_FAILED,
    /** A frame a client may not send: a second {@code logon}, a {@code logon} after an order, or a server's message type. */
    UNEXPECTED_FRAME,
    /** The order engine has stopped (the service is shutting down) or failed; not counted as an invalid frame. */
    UNAVAILABLE,
    /**
     * The journal failed while this order was being stored: it may or may not be, so it is not
     * answered with its decision. Or the journal has failed and every order id it holds reserved
     * is handed out: the order was not decided. Either way the client resends the same
     * {@code clientOrderId} once the order manager is back, and gets the journal's answer (or,
     * for an order not decided, a decision then). Not counted as an invalid frame.
     */
    JOURNAL_UNAVAILABLE
}
