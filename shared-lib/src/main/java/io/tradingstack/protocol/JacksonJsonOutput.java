package io.tradingstack.protocol;

import java.io.OutputStream;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The Jackson 3 {@link JsonEngine}'s writer: jackson-core's generator into a reusable byte
 * array. A generator cannot be reused, so each message creates one.
 */
final class JacksonJsonOutput extends OutputStream implements JsonOutput {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private byte[] buffer = new byte[512];
    private int position;
    private JsonGenerator generator;

    @Override
    public void begin(MessageType type, int offset) {
        position = offset;
        generator = FACTORY.createGenerator(ObjectWriteContext.empty(), this);
        generator.writeStartObject();
        generator.writeStringProperty(Field.TYPE.wireName, type.wireName());
    }

    @Override
    public void number(Field field, long value) {
        generator.writeNumberProperty(field.wireName, value);
    }

    @Override
    public void price(Field field, long fixedPoint) {
        generator.writeName(field.wireName);
        generator.writeNumber(Prices.format(fixedPoint)); // exact decimal text, never through a double
    }

    @Override
    public void string(Field field, String value) {
        generator.writeStringProperty(field.wireName, value);
    }

    @Override
    public int end() {
        generator.writeEndObject();
        generator.close(); // flushes into this stream; close() below is a no-op
        generator = null;
        return position;
    }

    @Override
    public byte[] buffer() {
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
}
