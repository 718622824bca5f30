package io.tradingstack.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The native {@link JsonEngine}'s writer: compact UTF-8 JSON straight into a reusable byte
 * array. Numbers and prices are written digit by digit and field names are constant bytes, so
 * after warm-up it allocates nothing.
 */
final class NativeJsonOutput implements JsonOutput {

    private static final byte[][] TYPE_PREFIX = new byte[MessageType.values().length][];

    static {
        for (MessageType type : MessageType.values()) {
            TYPE_PREFIX[type.ordinal()] = ("{\"type\":\"" + type.wireName() + "\"").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buffer = new byte[512];
    private int position;

    @Override
    public void begin(MessageType type, int offset) {
        position = offset;
        writeRaw(TYPE_PREFIX[type.ordinal()]);
    }

    @Override
    public int end() {
        ensure(1);
        buffer[position++] = '}';
        return position;
    }

    @Override
    public byte[] buffer() {
        return buffer;
    }

    @Override
    public void number(Field field, long value) {
        writeLong(field, value);
    }

    @Override
    public void price(Field field, long fixedPoint) {
        writePrice(field, fixedPoint);
    }

    @Override
    public void string(Field field, String value) {
        writeString(field, value);
    }

    private void writeLong(Field field, long value) {
        writeRaw(field.prefix);
        ensure(JsonNumbers.MAX_NUMBER_LENGTH);
        position = JsonNumbers.writeLong(value, buffer, position);
    }

    private void writePrice(Field field, long fixedPoint) {
        writeRaw(field.prefix);
        ensure(JsonNumbers.MAX_NUMBER_LENGTH + 1);
        position = JsonNumbers.writeFixedPoint(fixedPoint, Prices.DECIMALS, buffer, position);
    }

    private void writeString(Field field, String value) {
        writeRaw(field.prefix);
        int length = value.length();
        // Worst case: every char a \\u00XX escape (6 bytes); a surrogate pair is 4 bytes for 2 chars.
        ensure(length * 6 + 2);
        byte[] out = buffer;
        int at = position;
        out[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    out[at++] = '\\';
                }
                out[at++] = (byte) c;
            } else if (c < 0x20) {
                at = writeControl(c, out, at);
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                int codePoint = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))
                        ? Character.toCodePoint(c, value.charAt(++i))
                        : 0xFFFD; // a lone surrogate has no UTF-8 form: the replacement character stands for it
                if (codePoint == 0xFFFD) {
                    at = writeThreeBytes(codePoint, out, at);
                } else {
                    out[at++] = (byte) (0xF0 | (codePoint >> 18));
                    out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                    out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                    out[at++] = (byte) (0x80 | (codePoint & 0x3F));
                }
            } else {
                at = writeThreeBytes(c, out, at);
            }
        }
        out[at++] = '"';
        position = at;
    }

    private static int writeThreeBytes(int c, byte[] out, int at) {
        out[at] = (byte) (0xE0 | (c >> 12));
        out[at + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[at + 2] = (byte) (0x80 | (c & 0x3F));
        return at + 3;
    }

    private static int writeControl(char c, byte[] out, int at) {
        out[at++] = '\\';
        switch (c) {
            case '\n' -> out[at++] = 'n';
            case '\r' -> out[at++] = 'r';
            case '\t' -> out[at++] = 't';
            case '\b' -> out[at++] = 'b';
            case '\f' -> out[at++] = 'f';
            default -> {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[c >> 4];
                out[at++] = HEX[c & 0xF];
            }
        }
        return at;
    }

    private void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    private void ensure(int more) {
        int needed = position + more;
        if (needed > buffer.length) {
            byte[] grown = new byte[Math.max(needed, buffer.length * 2)];
            System.arraycopy(buffer, 0, grown, 0, position);
            buffer = grown;
        }
    }
}
