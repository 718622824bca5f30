package io.tradingstack.tcp;

import io.tradingstack.protocol.FrameInput;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A connection's input that lets it idle between frames for as long as it likes but gives each
 * frame, once its first bytes have arrived, the read timeout to arrive whole. The frame reader
 * says before each read whether it awaits a new frame or the rest of one ({@link FrameInput});
 * the reads of a started frame wait at most the time left. Past it they still take what has
 * arrived, and only when nothing has throw {@link SocketTimeoutException}, which makes Spring
 * Integration close the connection.
 *
 * <p>Used by the connection's one reading thread only. The socket timeout is changed per read;
 * on a JDK socket that is a field store, not a system call.
 */
final class FrameDeadlineInputStream extends InputStream implements FrameInput {

    private final Socket socket;
    private final InputStream in;
    private final long timeoutNanos;
    /** When the frame in progress must be whole; 0 while awaiting a new frame. */
    private long deadline;

    FrameDeadlineInputStream(Socket socket, InputStream in, long timeoutNanos) {
        this.socket = socket;
        this.in = in;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void awaitingFrame() {
        deadline = 0;
    }

    @Override
    public void insideFrame() {
        if (deadline == 0) {
            deadline = System.nanoTime() + timeoutNanos;
        }
    }

    @Override
    public int read() throws IOException {
        armTimeout();
        return in.read();
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        armTimeout();
        return in.read(into, offset, length);
    }

    private void armTimeout() throws IOException {
        if (deadline == 0) {
            socket.setSoTimeout(0);
            return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            // Bytes that arrived in time are read whatever this thread's own delay: a server held
            // up (a loaded machine, a pause) does not blame the client for it.
            if (in.available() > 0) {
                return;
            }
            throw new SocketTimeoutException("frame not complete within " + timeoutNanos / 1_000_000 + " ms");
        }
        // At least 1 ms: 0 would mean no timeout at all.
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
