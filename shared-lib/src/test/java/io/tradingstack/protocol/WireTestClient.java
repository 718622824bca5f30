package io.tradingstack.protocol;

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

/**
 * A client of one of the stack's TCP servers over a plain socket with the shared frame codec,
 * as a test sees the wire: frames, raw payloads and raw bytes out; decoded frames in, every read
 * waiting at most {@link #READ_TIMEOUT_MILLIS}. The feed and order test clients of the services
 * add what their protocol needs.
 */
public class WireTestClient implements AutoCloseable {

    /**
     * Only a failing test waits this long; it is well above every server-side timeout a test waits
     * out (the gateway's 10 s replay timeout), so a read never races one.
     */
    public static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final String server;
    private final OutputStream out;
    private final FrameWriter writer;
    private final FrameReader reader;

    /** @param server the server's name in failure messages ("the gateway") */
    protected WireTestClient(Socket socket, String server) throws IOException {
        this.socket = socket;
        this.server = server;
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.writer = new FrameWriter(out, new MessageCodec());
        this.reader = new FrameReader(new BufferedInputStream(socket.getInputStream()), new MessageCodec());
    }

    /**
     * A socket connected to {@code 127.0.0.1:port}, {@code TCP_NODELAY}, with the read timeout.
     *
     * @param receiveBufferSize SO_RCVBUF set before connecting (so the window stays small), 0 for the default
     */
    protected static Socket connectSocket(int port, int receiveBufferSize) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        return socket;
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
            return fail(server + " sent a frame that does not decode: " + error);
        }
        return (Message) decoded;
    }

    /** The next frame, which must be there within the read timeout. */
    public Message readPresent() throws IOException {
        Message message = read();
        assertThat(message).as("a frame before the connection closed").isNotNull();
        return message;
    }

    /** The next frame, which must be of {@code type}. */
    public <T extends Message> T read(Class<T> type) throws IOException {
        Message message = read();
        assertThat(message).as("the next frame, of type " + type.getSimpleName()).isInstanceOf(type);
        return type.cast(message);
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

    /** True when nothing arrives within {@code millis} and the connection stays open. */
    public boolean isSilentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            reader.read();
            return false; // a frame, or the end of the stream
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
