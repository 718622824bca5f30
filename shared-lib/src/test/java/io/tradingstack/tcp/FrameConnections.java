package io.tradingstack.tcp;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.metrics.InvalidFrames;
import java.util.List;
import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * A {@link FrameConnection} over a connection the test provides, for a protocol driven without a
 * server (the order manager's fuzz target): what the protocol sends and closes goes to that
 * connection. Refusals are counted in one registry of this class, made once: a fuzz target opens
 * a connection per input.
 */
public final class FrameConnections {

    private static final InvalidFrames INVALID_FRAMES = new InvalidFrames(new SimpleMeterRegistry(), "test", List.of());

    private FrameConnections() {
    }

    public static FrameConnection over(TcpConnection connection) {
        return new FrameConnection(connection, "test", INVALID_FRAMES);
    }
}
