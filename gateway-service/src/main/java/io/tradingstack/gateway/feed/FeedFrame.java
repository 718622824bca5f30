package io.tradingstack.gateway.feed;

/**
 * One encoded frame (header included) as it goes on the wire, kept with the data sequence it
 * carries so that a sender knows what it delivered without decoding.
 *
 * @param seq   the data message's sequence, or {@link #CONTROL} for a {@code reset}
 * @param bytes the whole frame; never modified once built, so the ring and every subscriber share it
 */
record FeedFrame(long seq, byte[] bytes) {

    /** The {@code seq} of a frame that carries no data (a {@code reset}). */
    static final long CONTROL = 0L;

    int length() {
        return bytes.length;
    }

    boolean isData() {
        return seq != CONTROL;
    }
}
