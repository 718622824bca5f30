package io.tradingstack.protocol;

import java.io.OutputStream;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes one flat JSON object per message with jackson-core's generator, into a byte array
 * reused from message to message.
 *
 * <p>One generator lives as long as the codec, writing each message as the next root value of
 * an endless stream with no separator between them, and flushed at the end of each into this
 * object's buffer: so an encode creates no generator, no context and no buffers. Field names
 * are pre-quoted ({@link Field#serialized}) and prices go through a reused {@code char[]};
 * after warm-up an encode allocates nothing.
 *
 * <p>Not thread-safe: one per encoder.
 */
final class PayloadWriter extends OutputStream {

    private static final JsonFactory FACTORY = JsonFactory.builder().rootValueSeparator((String) null).build();

    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private final char[] number = new char[PriceText.MAX_LENGTH];
    private byte[] buffer = new byte[512];
    private int position;
    private JsonGenerator generator = newGenerator();

    /** Starts the object at {@code offset} of the buffer with its {@code type} member. */
    void begin(MessageType type, int offset) {
        position = offset;
        generator.writeStartObject();
        generator.writeName(Field.TYPE.serialized);
        generator.writeString(type.wireName());
    }

    void number(Field field, long value) {
        generator.writeName(field.serialized);
        generator.writeNumber(value);
    }

    /** A fixed-point price, written as its exact shortest decimal, never through a double. */
    void price(Field field, long fixedPoint) {
        generator.writeName(field.serialized);
        generator.writeNumber(number, 0, PriceText.write(fixedPoint, number, 0));
    }

    void string(Field field, String value) {
        generator.writeName(field.serialized);
        generator.writeString(hasLoneSurrogate(value) ? wholeCharacters(value) : value);
    }

    /** Closes the object and flushes it into the buffer; returns the offset just after it. */
    int end() {
        generator.writeEndObject();
        generator.flush();
        return position;
    }

    /** After a write that failed half-way the generator is inside an object: start a fresh one. */
    void reset() {
        generator = newGenerator();
    }

    /** The buffer written into; it may be replaced by a larger one during a write. */
    byte[] buffer() {
        return buffer;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buffer[position++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    private void ensure(int more) {
        if (position + more > buffer.length) {
            byte[] grown = new byte[Math.max(position + more, buffer.length * 2)];
            System.arraycopy(buffer, 0, grown, 0, position);
            buffer = grown;
        }
    }

    private JsonGenerator newGenerator() {
        return FACTORY.createGenerator(ObjectWriteContext.empty(), this);
    }

    /**
     * Jackson writes half a surrogate pair as a {@code \\u} escape, which every reader of this
     * protocol refuses: such text is the caller's bug (a string cut inside a pair), and the
     * peer gets U+FFFD in its place rather than a frame it must reject.
     */
    private static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    private static String wholeCharacters(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                text.append(c).append(value.charAt(++i));
            } else {
                text.append(Character.isSurrogate(c) ? REPLACEMENT_CHARACTER : c);
            }
        }
        return text.toString();
    }
}
