package io.tradingstack.protocol;

/**
 * The frame: a 4-byte big-endian payload length (the header not counted), then the payload
 *. Lengths 1 to the maximum are valid; 0, a negative value read as a signed int,
 * or more than the maximum are refused before anything is allocated for the payload.
 */
public final class Framing {

    public static final int HEADER_LENGTH = 4;

    /** Default largest payload, inclusive: 64 KiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 65_536;

    /**
     * Smallest maximum an order connection may be configured with, either end: the largest answer
     * the order manager can owe fits — an execution whose 64-character {@code clientOrderId} is all
     * characters JSON escapes ({@code \\} or {@code \"}, 128 bytes), with the longest reason and
     * 19-digit ids and timestamps, is about 290 bytes. Found by {@code OrderPathFuzzTest} at 256.
     */
    public static final int SMALLEST_ORDER_FRAME_LENGTH = 512;

    /** Largest maximum that can be configured: a header plus payload must fit in one Java array. */
    public static final int LARGEST_MAX_FRAME_LENGTH = Integer.MAX_VALUE - 8 - HEADER_LENGTH;

    private Framing() {
    }

    /** The declared payload length of a header at {@code src[offset]}. */
    public static int readLength(byte[] src, int offset) {
        return ((src[offset] & 0xFF) << 24) | ((src[offset + 1] & 0xFF) << 16) | ((src[offset + 2] & 0xFF) << 8)
                | (src[offset + 3] & 0xFF);
    }

    public static void writeLength(int length, byte[] dst, int offset) {
        dst[offset] = (byte) (length >>> 24);
        dst[offset + 1] = (byte) (length >>> 16);
        dst[offset + 2] = (byte) (length >>> 8);
        dst[offset + 3] = (byte) length;
    }

    /** Why a declared length is refused, or null when it is valid. */
    public static DecodeError checkLength(int length, int maxFrameLength) {
        if (length == 0) {
            return DecodeError.of(DecodeFailure.EMPTY_FRAME, "frame header declares a length of 0");
        }
        if (length < 0) {
            return DecodeError.of(DecodeFailure.NEGATIVE_LENGTH, "frame header declares a negative length " + length);
        }
        if (length > maxFrameLength) {
            return DecodeError.of(DecodeFailure.FRAME_TOO_LARGE,
                    "frame header declares " + length + " bytes, above maxFrameLength=" + maxFrameLength);
        }
        return null;
    }

    /** Validates a configured maximum. */
    public static int checkMaxFrameLength(int maxFrameLength) {
        if (maxFrameLength < 1 || maxFrameLength > LARGEST_MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException(
                    "maxFrameLength=" + maxFrameLength + ", must be 1.." + LARGEST_MAX_FRAME_LENGTH);
        }
        return maxFrameLength;
    }
}
