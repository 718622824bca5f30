package io.tradingstack.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A connection's input that lets it idle between frames for as long as it likes but gives each
 * frame, once its first byte has arrived, the read timeout to arrive whole. The
 * deserializer calls {@link #awaitFrame()} before each frame; the reads of that frame then wait
 * at most the time left. Past it they still take what has arrived, and only when nothing has
 * throw {@link SocketTimeoutException}, which makes Spring Integration close the connection.
 *
 * <p>Used by the connection's one reading thread only. The socket timeout is changed per read;
 * on a JDK socket that is a field store, not a system call.
 */
final class FrameDeadlineInputStream extends InputStream {

    private final Socket socket;
    private final InputStream in;
    private final long timeoutNanos;
    private int pushedBack = -1;
    private long deadline;

    FrameDeadlineInputStream(Socket socket, InputStream in, long timeoutNanos) {
        this.socket = socket;
        this.in = in;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Waits without a timeout for the first byte of the next frame and starts its deadline.
     *
     * @return false at end of stream
     */
    boolean awaitFrame() throws IOException {
        socket.setSoTimeout(0);
        int first = in.read();
        if (first < 0) {
            return false;
        }
        pushedBack = first;
        deadline = System.nanoTime() + timeoutNanos;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (pushedBack >= 0) {
            int value = pushedBack;
            pushedBack = -1;
            return value;
        }
        armTimeout();
        return in.read();
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (pushedBack >= 0) {
            into[offset] = (byte) pushedBack;
            pushedBack = -1;
            return 1;
        }
        armTimeout();
        return in.read(into, offset, length);
    }

    private void armTimeout() throws IOException {
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
        return (pushedBack >= 0 ? 1 : 0) + in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
