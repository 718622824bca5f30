package io.tradingstack.protocol;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * The Jackson 3 {@link JsonEngine}: tokenizes the payload with jackson-core's streaming parser
 * and copies each known field's value, as UTF-8 text, into a scratch buffer that
 * {@link MessageDecoder} reads exactly as it reads the native scanner's.
 *
 * <p>Jackson accepts some byte sequences RFC 3629 forbids (overlong forms, encoded
 * surrogates), so the payload's UTF-8 is checked first, by the same rules as the native
 * engine.
 */
final class JacksonObjectScanner extends ScannedObject {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).build())
            .build();

    private byte[] scratch = new byte[256];
    private int scratchLength;

    @Override
    boolean scan(byte[] payload, int offset, int length) {
        reset(scratch);
        scratchLength = 0;
        String invalidUtf8 = Utf8.firstError(payload, offset, offset + length);
        if (invalidUtf8 != null) {
            fail(DecodeFailure.INVALID_UTF8, invalidUtf8);
            return false;
        }
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), payload, offset, length)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                fail(DecodeFailure.MALFORMED_JSON, "no JSON value");
                return false;
            }
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    fail(DecodeFailure.MALFORMED_JSON, "content after the JSON value");
                    return false;
                }
                fail(DecodeFailure.NOT_AN_OBJECT, "the payload is a JSON " + token.name().toLowerCase());
                return false;
            }
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                Field field = Field.byName(parser.currentName());
                token = parser.nextToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                }
                if (field != null && token != JsonToken.VALUE_NULL && !recordValue(field, token, parser)) {
                    return false;
                }
            }
            if (parser.nextToken() != null) {
                fail(DecodeFailure.MALFORMED_JSON, "content after the object");
                return false;
            }
            src = scratch; // the scratch buffer may have grown
            return true;
        } catch (StreamConstraintsException e) {
            fail(DecodeFailure.MALFORMED_JSON, "nesting deeper than " + MAX_DEPTH);
            return false;
        } catch (JacksonException e) {
            fail(DecodeFailure.MALFORMED_JSON, e.getOriginalMessage());
            return false;
        }
    }

    private boolean recordValue(Field field, JsonToken token, JsonParser parser) {
        return switch (token) {
            case VALUE_STRING -> {
                String value = parser.getString();
                byte flags = 0;
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c >= 0x80) {
                        flags = NON_ASCII;
                        if (Character.isSurrogate(c) && !isPairedAt(value, i)) {
                            fail(DecodeFailure.MALFORMED_JSON, "'" + field.wireName + "' holds a lone surrogate in a \\u escape");
                            failureField = field;
                            yield false;
                        }
                        if (Character.isHighSurrogate(c)) {
                            i++;
                        }
                    }
                }
                yield append(field, STRING, flags, value.getBytes(StandardCharsets.UTF_8));
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                String text = parser.getText();
                byte flags = 0;
                if (text.indexOf('.') >= 0) {
                    flags |= FRACTION;
                }
                if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
                    flags |= EXPONENT;
                }
                yield append(field, NUMBER, flags, text.getBytes(StandardCharsets.US_ASCII));
            }
            case VALUE_TRUE -> record(field, TRUE, (byte) 0, scratchLength, scratchLength);
            case VALUE_FALSE -> record(field, FALSE, (byte) 0, scratchLength, scratchLength);
            case START_OBJECT -> record(field, OBJECT, (byte) 0, scratchLength, scratchLength);
            case START_ARRAY -> record(field, ARRAY, (byte) 0, scratchLength, scratchLength);
            default -> throw new IllegalStateException("token " + token + " as a property value");
        };
    }

    private static boolean isPairedAt(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return false; // a low surrogate reached here had no high one before it
    }

    private boolean append(Field field, byte kind, byte flags, byte[] bytes) {
        if (scratchLength + bytes.length > scratch.length) {
            byte[] grown = new byte[Math.max(scratch.length * 2, scratchLength + bytes.length)];
            System.arraycopy(scratch, 0, grown, 0, scratchLength);
            scratch = grown;
            src = grown;
        }
        System.arraycopy(bytes, 0, scratch, scratchLength, bytes.length);
        int from = scratchLength;
        scratchLength += bytes.length;
        return record(field, kind, flags, from, scratchLength);
    }
}
