package io.tradingstack.tcp;

import java.time.Duration;
import java.util.Objects;

import io.tradingstack.protocol.Framing;

/**
 * What a frame server's port is, as the service's validated configuration gives it.
 *
 * @param name           names the server in logs and its threads ({@code <name>-io-1}), e.g. {@code orders}
 * @param bindAddress    the interface it listens on
 * @param port           the TCP port; 0 picks a free one
 * @param maxFrameLength largest frame payload read or written
 * @param maxConnections connections accepted at once; the next gets {@code error TOO_MANY_CONNECTIONS} and a close
 * @param readTimeout    a frame started and not finished within this closes its connection; between
 *                       frames a connection may stay idle for ever
 */
public record FrameServerSettings(String name, String bindAddress, int port, int maxFrameLength, int maxConnections,
        Duration readTimeout) {

    public FrameServerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port=" + port + ", allowed 0..65535");
        }
        Framing.checkMaxFrameLength(maxFrameLength);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections=" + maxConnections + ", min=1");
        }
        if (readTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("readTimeout=" + readTimeout + ", min=1ms");
        }
    }
}
