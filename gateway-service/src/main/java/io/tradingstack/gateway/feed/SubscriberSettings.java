package io.tradingstack.gateway.feed;

import io.tradingstack.clock.EpochNanoClock;

/**
 * What every subscriber of a gateway shares.
 *
 * @param session        stamped on heartbeats
 * @param clock          the {@code ts} of heartbeats
 * @param heartbeatNanos silence after which a heartbeat is sent
 * @param maxQueuedBytes a subscriber whose unsent frames pass this is cut off
 * @param maxBatchBytes  the most one send carries
 * @param publisherWrites whether the publishing thread writes a burst itself when the sender is idle
 * @param publisherWriteMaxBytes the largest burst it writes itself; a larger one is the sender's
 */
record SubscriberSettings(long session, EpochNanoClock clock, long heartbeatNanos, long maxQueuedBytes,
        long maxBatchBytes, boolean publisherWrites, long publisherWriteMaxBytes) {

    SubscriberSettings {
        if (heartbeatNanos <= 0 || maxQueuedBytes <= 0 || maxBatchBytes <= 0 || publisherWriteMaxBytes <= 0) {
            throw new IllegalArgumentException("heartbeatNanos=" + heartbeatNanos + ", maxQueuedBytes=" + maxQueuedBytes
                    + ", maxBatchBytes=" + maxBatchBytes + ", publisherWriteMaxBytes=" + publisherWriteMaxBytes
                    + ": all must be positive");
        }
    }
}
