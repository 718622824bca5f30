package io.tradingstack.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.FrameReader;
import io.tradingstack.protocol.FrameWriter;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.ReplayRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ServerSocketFactory;

/**
 * The gateway side of a feed, on a plain {@link ServerSocket} on 127.0.0.1, driven step by step
 * by the test thread: accept the client's next connection and read its replay request, send
 * frames, see the client close, go down and come back on the same port.
 *
 * <p>Published in shared-lib's test jar, for the services' tests of their feed subscriptions.
 */
public final class FakeGateway implements AutoCloseable {

    private static final int WAIT_MILLIS = 10_000;

    private final ServerSocketFactory sockets;
    private final int port;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Long> acceptNanos = new ArrayList<>();
    private ServerSocket server;

    public FakeGateway() throws IOException {
        this(ServerSocketFactory.getDefault());
    }

    /** A gateway whose port listens with {@code sockets}: an {@code SSLServerSocketFactory} for a TLS feed. */
    public FakeGateway(ServerSocketFactory sockets) throws IOException {
        this.sockets = sockets;
        this.server = bind(0);
        this.port = server.getLocalPort();
    }

    public int port() {
        return port;
    }

    /** Waits up to 10 s for the client's next connection and reads its replay request. */
    public Connection accept() throws IOException {
        Socket socket = server.accept();
        acceptNanos.add(System.nanoTime());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(WAIT_MILLIS);
        Connection connection = new Connection(socket);
        connections.add(connection);
        return connection;
    }

    /** {@link System#nanoTime()} of every accept so far. */
    public List<Long> acceptTimes() {
        return acceptNanos;
    }

    /** The gateway goes away: the port stops listening and every connection is closed. */
    public void down() throws IOException {
        server.close();
        for (Connection connection : connections) {
            connection.close();
        }
    }

    /** The gateway comes back on the same port. */
    public void up() throws IOException {
        server = bind(port);
    }

    @Override
    public void close() throws IOException {
        down();
    }

    private ServerSocket bind(int port) throws IOException {
        ServerSocket socket = sockets.createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(WAIT_MILLIS);
        return socket;
    }

    /** One accepted subscriber connection. */
    public static final class Connection implements AutoCloseable {

        private final Socket socket;
        private final FrameReader reader;
        private final FrameWriter writer;
        private final OutputStream out;
        private final ReplayRequest replay;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            MessageCodec codec = new MessageCodec();
            this.reader = new FrameReader(socket.getInputStream(), codec);
            this.out = socket.getOutputStream();
            this.writer = new FrameWriter(out, codec);
            Decoded first = reader.read();
            assertThat(first).as("the subscriber's first frame").isInstanceOf(ReplayRequest.class);
            this.replay = (ReplayRequest) first;
        }

        /** The replay request the client sent when it connected. */
        public ReplayRequest replay() {
            return replay;
        }

        public void send(Message... messages) throws IOException {
            for (Message message : messages) {
                writer.write(message);
            }
            writer.flush();
        }

        public void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Waits up to 10 s for the client to close this connection, asserting it sends nothing more. */
        public void awaitClosedByClient() throws IOException {
            try {
                assertThat(reader.read()).as("anything after the replay").isNull();
            } catch (SocketException e) {
                // reset by the client: closed as well
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
