package io.tradingstack.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection's input as a socket delivers it: each read returns what is left of the current
 * arrival, up to the length asked, never more than one arrival at a time. Records every read and
 * what the reader told it ({@link FrameInput}) before it, for the fuzz test to check.
 */
final class ArrivingStream extends InputStream implements FrameInput {

    /** What the reader last said of the next read. */
    enum Mark { NONE, AWAITING, INSIDE }

    /**
     * One call of {@link #read(byte[], int, int)}.
     *
     * @param deliveredBefore         bytes delivered by the earlier reads
     * @param bufferLength            the length of the array the reader read into
     * @param length                  how many bytes it asked for
     * @param mark                    what the reader said last before this read
     * @param markedSincePreviousRead whether it said so after the previous read
     */
    record Read(int deliveredBefore, int bufferLength, int length, Mark mark, boolean markedSincePreviousRead) {
    }

    private final List<byte[]> arrivals;
    private final boolean endsWithException;
    private final List<Read> reads = new ArrayList<>();
    private int arrival;
    private int offset;
    private int delivered;
    private Mark mark = Mark.NONE;
    private boolean marked;

    /** @param endsWithException whether the end of the stream is an {@link EOFException} rather than -1 */
    ArrivingStream(List<byte[]> arrivals, boolean endsWithException) {
        this.arrivals = arrivals;
        this.endsWithException = endsWithException;
    }

    /** A stream that ends with -1 after these arrivals. */
    static ArrivingStream of(byte[]... arrivals) {
        return new ArrivingStream(List.of(arrivals), false);
    }

    /** Every byte that will arrive, in order. */
    byte[] wire() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        arrivals.forEach(wire::writeBytes);
        return wire.toByteArray();
    }

    List<Read> reads() {
        return reads;
    }

    /** What the reader had said last before each read. */
    List<Mark> marks() {
        return reads.stream().map(Read::mark).toList();
    }

    int delivered() {
        return delivered;
    }

    boolean atEnd() {
        return arrival == arrivals.size();
    }

    @Override
    public void awaitingFrame() {
        mark = Mark.AWAITING;
        marked = true;
    }

    @Override
    public void insideFrame() {
        mark = Mark.INSIDE;
        marked = true;
    }

    @Override
    public int read(byte[] into, int at, int length) throws IOException {
        reads.add(new Read(delivered, into.length, length, mark, marked));
        marked = false;
        if (atEnd()) {
            if (endsWithException) {
                throw new EOFException("end of stream after " + delivered + " bytes");
            }
            return -1;
        }
        byte[] current = arrivals.get(arrival);
        int n = Math.min(length, current.length - offset);
        System.arraycopy(current, offset, into, at, n);
        offset += n;
        delivered += n;
        if (offset == current.length) {
            arrival++;
            offset = 0;
        }
        return n;
    }

    @Override
    public int read() {
        throw new UnsupportedOperationException("the frame readers read in bulk");
    }
}
