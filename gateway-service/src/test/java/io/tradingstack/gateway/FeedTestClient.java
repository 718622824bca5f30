package io.tradingstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.WireTestClient;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** A feed subscriber over a plain socket, as a test sees the wire: reads data past heartbeats. */
public final class FeedTestClient extends WireTestClient {

    private FeedTestClient(Socket socket) throws IOException {
        super(socket, "the gateway");
    }

    public static FeedTestClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /** A subscriber over a socket already connected, e.g. a TLS one. */
    public static FeedTestClient over(Socket socket) throws IOException {
        return new FeedTestClient(socket);
    }

    /** @param receiveBufferSize SO_RCVBUF set before connecting (so the window stays small), 0 for the default */
    public static FeedTestClient connect(int port, int receiveBufferSize) throws IOException {
        return new FeedTestClient(connectSocket(port, receiveBufferSize));
    }

    /** The next {@code count} data messages of the given type, skipping heartbeats. */
    public <T extends Message> List<T> readData(Class<T> type, int count) throws IOException {
        List<T> data = new ArrayList<>(count);
        while (data.size() < count) {
            Message message = readPresent();
            if (!(message instanceof Heartbeat)) {
                assertThat(message).as("data frame %d of %d", data.size() + 1, count).isInstanceOf(type);
                data.add(type.cast(message));
            }
        }
        return data;
    }

    /** Reads, skipping data and heartbeats, until an {@code error} frame; fails if the connection closes first. */
    public ErrorFrame readUntilError() throws IOException {
        while (true) {
            Message message = readPresent();
            if (message instanceof ErrorFrame error) {
                return error;
            }
        }
    }
}
