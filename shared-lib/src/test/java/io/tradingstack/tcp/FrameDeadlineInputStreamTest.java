package io.tradingstack.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read deadline of one frame on a real socket pair. The deadline here is 1 ns, so it has
 * always passed by the time the frame's second byte is read: what is decided is only whether
 * the bytes had arrived.
 */
@Timeout(60)
class FrameDeadlineInputStreamTest {

    private ServerSocket listener;
    private Socket client;
    private Socket server;

    @BeforeEach
    void connect() throws Exception {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        server = listener.accept();
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        server.close();
        listener.close();
    }

    @Test
    void shouldReadAFrameThatArrivedWholeEvenWhenTheReaderWasLate() throws Exception {
        byte[] frame = {0, 0, 0, 2, '{', '}'};
        send(frame);
        awaitAvailable(frame.length);
        FrameDeadlineInputStream in = new FrameDeadlineInputStream(server, server.getInputStream(), 1);

        in.insideFrame();
        assertThat(in.readNBytes(frame.length)).isEqualTo(frame);
    }

    @Test
    void shouldTimeOutAFrameWhoseRestDidNotArrive() throws Exception {
        send(new byte[] {0, 0});
        FrameDeadlineInputStream in = new FrameDeadlineInputStream(server, server.getInputStream(), 1);

        in.awaitingFrame();
        assertThat(in.read()).isZero(); // the first byte, waited for without a deadline
        in.insideFrame();
        awaitAvailable(1);
        assertThat(in.read()).isZero(); // arrived: read although late
        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void shouldWaitForTheFirstByteOfAFrameWithoutADeadline() throws Exception {
        FrameDeadlineInputStream in = new FrameDeadlineInputStream(server, server.getInputStream(), 1);
        client.close();

        in.awaitingFrame();
        assertThat(in.read()).as("end of stream between frames, not a timeout").isEqualTo(-1);
    }

    private void send(byte[] bytes) throws Exception {
        OutputStream out = client.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Waits until the server side has {@code count} bytes to read, so that no read below waits for the network. */
    private void awaitAvailable(int count) throws Exception {
        InputStream raw = server.getInputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (raw.available() < count) {
            assertThat(System.nanoTime()).as("%d bytes arrived within 10 s", count).isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
