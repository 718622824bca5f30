package io.tradingstack.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.DecodeFailure;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.FrameReader;
import io.tradingstack.protocol.FrameWriter;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.MessageCodec;

/**
 * A feed subscriber over a plain socket with the shared frame codec, as a test sees the wire:
 * every read waits at most {@link #READ_TIMEOUT_MILLIS}.
 */
public final class FeedTestClient implements AutoCloseable {

    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final FrameWriter writer;
    private final FrameReader reader;

    private FeedTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.writer = new FrameWriter(out, new MessageCodec());
        this.reader = new FrameReader(new BufferedInputStream(socket.getInputStream()), new MessageCodec());
    }

    public static FeedTestClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /** @param receiveBufferSize SO_RCVBUF set before connecting (so the window stays small), 0 for the default */
    public static FeedTestClient connect(int port, int receiveBufferSize) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        return new FeedTestClient(socket);
    }

    public void send(Message message) throws IOException {
        writer.writeAndFlush(message);
    }

    /** Sends one frame whose payload is {@code json} as given, valid or not. */
    public void sendPayload(String json) throws IOException {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[Framing.HEADER_LENGTH];
        Framing.writeLength(payload.length, header, 0);
        out.write(header);
        out.write(payload);
        out.flush();
    }

    /** Sends bytes as they are, no framing. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame, decoded; null when the server closed the connection. */
    public Message read() throws IOException {
        Decoded decoded;
        try {
            decoded = reader.read();
        } catch (SocketException e) {
            return null; // reset by the server's close: as closed as an end of stream
        }
        if (decoded instanceof DecodeError error) {
            return fail("the gateway sent a frame that does not decode: " + error);
        }
        return (Message) decoded;
    }

    /** The next frame, which must be there within the read timeout. */
    public Message readPresent() throws IOException {
        Message message = read();
        assertThat(message).as("a frame before the connection closed").isNotNull();
        return message;
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

    /**
     * True when the server has closed the connection: reading what is left ends within the read
     * timeout. A connection cut while a write was under way may end inside a frame.
     */
    public boolean isClosedByServer() throws IOException {
        try {
            while (true) {
                Decoded decoded = reader.read();
                if (decoded == null
                        || decoded instanceof DecodeError error && error.reason() == DecodeFailure.TRUNCATED_FRAME) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** True when nothing arrives within {@code millis}. */
    public boolean isSilentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            reader.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
