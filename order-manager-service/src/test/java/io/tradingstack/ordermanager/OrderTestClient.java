package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.DecodeFailure;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.FrameReader;
import io.tradingstack.protocol.FrameWriter;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.Order;
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
 * An order client over a plain socket with the shared frame codec, as a test sees the wire:
 * every read waits at most {@link #READ_TIMEOUT_MILLIS}.
 */
public final class OrderTestClient implements AutoCloseable {

    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final FrameWriter writer;
    private final FrameReader reader;

    private OrderTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream());
        this.writer = new FrameWriter(out, new MessageCodec());
        this.reader = new FrameReader(new BufferedInputStream(socket.getInputStream()), new MessageCodec());
    }

    public static OrderTestClient connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        return new OrderTestClient(socket);
    }

    public void send(Message message) throws IOException {
        writer.writeAndFlush(message);
    }

    /** Sends an order and reads its execution, which must be the next frame. */
    public Execution order(Order order) throws IOException {
        send(order);
        return readExecution();
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
            return fail("the order manager sent a frame that does not decode: " + error);
        }
        return (Message) decoded;
    }

    public Execution readExecution() throws IOException {
        Message message = read();
        assertThat(message).as("an execution").isInstanceOf(Execution.class);
        return (Execution) message;
    }

    public ErrorFrame readError() throws IOException {
        Message message = read();
        assertThat(message).as("an error frame").isInstanceOf(ErrorFrame.class);
        return (ErrorFrame) message;
    }

    /** True when the server has closed the connection: reading what is left ends within the read timeout. */
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
