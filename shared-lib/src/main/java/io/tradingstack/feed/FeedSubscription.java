package io.tradingstack.feed;

import io.tradingstack.protocol.Framing;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * A subscriber's feed settings as a service binds them ({@code trading.orderbook.feed.*},
 * {@code trading.strategy.feed.*}): one record, so that every subscriber has the same keys,
 * defaults and validation.
 *
 * @param heartbeatInterval   the gateway's heartbeat interval
 * @param deadAfterHeartbeats a connection silent this many intervals is dead and replaced
 * @param backoffInitial      first wait before reconnecting, and the least time between attempts
 * @param backoffMax          the wait doubles per failed attempt up to this
 * @param maxFrameLength      the largest frame payload accepted from the gateway
 * @param connectTimeout      one TCP connect attempt, rounded up to whole seconds
 * @param warmUpFrames        synthetic frames run through the receive path (decode, feed protocol,
 *                            the listener's scratch copy) before the first connect, so that a
 *                            service that starts while the gateway publishes at a high rate reads
 *                            with compiled code and is not cut off as a slow consumer; 0 for none
 */
@ConfigurationPropertiesSource
public record FeedSubscription(@NotNull @DurationMin(millis = 1) @DefaultValue("1s") Duration heartbeatInterval,
        @Min(1) @DefaultValue("3") int deadAfterHeartbeats,
        @NotNull @DurationMin(millis = 1) @DefaultValue("100ms") Duration backoffInitial,
        @NotNull @DurationMin(millis = 1) @DefaultValue("5s") Duration backoffMax,
        @NotNull @DefaultValue("64KB") DataSize maxFrameLength,
        @NotNull @DurationMin(millis = 1) @DefaultValue("2s") Duration connectTimeout,
        @Min(0) @DefaultValue("200000") int warmUpFrames) {

    @AssertTrue(message = "must not be below backoff-initial")
    public boolean isBackoffMaxAtLeastInitial() {
        return backoffInitial == null || backoffMax == null || backoffMax.compareTo(backoffInitial) >= 0;
    }

    @AssertTrue(message = "max-frame-length must be 1B.." + Framing.LARGEST_MAX_FRAME_LENGTH + "B")
    public boolean isMaxFrameLengthInRange() {
        return maxFrameLength == null
            || (maxFrameLength.toBytes() >= 1 && maxFrameLength.toBytes() <= Framing.LARGEST_MAX_FRAME_LENGTH);
    }

    /** The feed client's configuration for the gateway at {@code host:port}. */
    public FeedClientConfig clientConfig(String host, int port) {
        return new FeedClientConfig(host, port, heartbeatInterval, deadAfterHeartbeats, backoffInitial, backoffMax,
            (int) maxFrameLength.toBytes(), connectTimeout, warmUpFrames);
    }
}
