package io.tradingstack.gateway.feed;

/**
 * Feed protocol errors that are not decode failures; the name is the {@code reason} of the
 * {@code error} frame and of {@code trading.frames.invalid}, next to the
 * {@link io.tradingstack.protocol.DecodeFailure} names and the frame server's own
 * ({@link io.tradingstack.tcp.ServerRefusal}).
 */
enum FeedRefusal {
    /** The first frame was not a {@code replay}, or none arrived whole within the replay timeout. */
    NO_REPLAY,
    /** A frame after the {@code replay}: a subscriber sends nothing more. */
    UNEXPECTED_FRAME
}
