package io.tradingstack.tcp;

import io.tradingstack.protocol.Framing;
import java.nio.charset.StandardCharsets;

/** Frames built byte by byte, for input no encoder would write. */
final class RawFrames {

    private RawFrames() {
    }

    static byte[] frame(String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        byte[] frame = header(payload.length);
        byte[] whole = new byte[frame.length + payload.length];
        System.arraycopy(frame, 0, whole, 0, frame.length);
        System.arraycopy(payload, 0, whole, frame.length, payload.length);
        return whole;
    }

    static byte[] header(int length) {
        byte[] header = new byte[Framing.HEADER_LENGTH];
        Framing.writeLength(length, header, 0);
        return header;
    }
}
