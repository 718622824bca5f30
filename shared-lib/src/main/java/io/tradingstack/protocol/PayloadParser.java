package io.tradingstack.protocol;

import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.io.NumberInput;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one JSON object per payload with jackson-core's non-blocking parser, and records
 * the known fields into {@link ParsedFields}. Unknown fields are skipped (Jackson still checks
 * their grammar); {@code null} counts as absent.
 *
 * <p>One parser lives as long as the codec: each payload is fed to it as the next root value
 * of an endless stream, so a decode creates no parser, no context and no buffers, and field
 * names come out of the parser's symbol table as the same {@code String} every time. After
 * the payload, one tab is fed: outside a string it is whitespace that ends a trailing number
 * or literal; inside a string or name it is an illegal control character. So once the tab is
 * read, a whole payload has left the parser at the root and a cut one has failed or is still
 * inside its object. After any failure the parser's state is unknown and it is replaced.
 *
 * <p>Not thread-safe: one per decoder.
 */
final class PayloadParser {

    /** Deeper nesting than this, in a field we would ignore anyway, is refused rather than followed. */
    static final int MAX_DEPTH = 32;

    /**
     * Numbers, strings and names are bounded by the frame, and what is too large for a field is
     * the decoder's to say ({@code OUT_OF_RANGE}, {@code INVALID_SYMBOL}), not a parse failure.
     * Document length and token count must stay unlimited: on a parser that lives for the whole
     * connection they count every frame ever received.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .maxTokenCount(-1)
                    .build())
            .build();

    private static final byte[] END_OF_PAYLOAD = {'\t'};

    /** The text of a value that has none of its own (a boolean, an object, an array). */
    private static final char[] NO_TEXT = {};

    /** Longest integer text whose value always fits in a long: 18 digits. */
    private static final int SAFE_LONG_DIGITS = 18;

    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private boolean endFed;

    PayloadParser() {
        open();
    }

    /** Reads {@code src[offset, offset + length)}; false with {@code fields.failure} set when it is not one JSON object. */
    boolean parse(byte[] src, int offset, int length, ParsedFields fields) {
        fields.clear();
        // Jackson decodes UTF-8 only inside strings, reports a bad sequence as any other read
        // error, and accepts overlong forms and code points above U+10FFFF: so the payload is
        // checked by RFC 3629 first, which also keeps INVALID_UTF8 apart from MALFORMED_JSON.
        String invalidUtf8 = Utf8.firstError(src, offset, offset + length);
        if (invalidUtf8 != null) {
            return fields.fail(DecodeFailure.INVALID_UTF8, invalidUtf8);
        }
        // Jackson looks for a byte order mark at the start of its stream only, which here is the
        // first payload of a parser: a fresh parser skips one, and refuses any other lead byte
        // 0xEF with a text of its own. So a payload that starts with 0xEF (U+F000..U+FFFF, valid
        // UTF-8 by now: three bytes) is refused here, alike on every payload (RFC 8259 §8.1).
        if (length >= 3 && src[offset] == (byte) 0xEF) {
            if (src[offset + 1] == (byte) 0xBB && src[offset + 2] == (byte) 0xBF) {
                return fields.fail(DecodeFailure.MALFORMED_JSON, "a byte order mark before the JSON value");
            }
            int codePoint = 0xF000 | (src[offset + 1] & 0x3F) << 6 | (src[offset + 2] & 0x3F);
            return fields.fail(DecodeFailure.MALFORMED_JSON,
                    "U+" + Integer.toHexString(codePoint).toUpperCase(Locale.ROOT) + " where the JSON value starts");
        }
        boolean parsed;
        try {
            endFed = false;
            feeder.feedInput(src, offset, offset + length);
            parsed = readDocument(fields);
        } catch (JacksonException e) {
            // Once the tab is fed, a failure means the payload ended inside a string, name or escape.
            parsed = fields.fail(DecodeFailure.MALFORMED_JSON, endFed ? "unexpected end of input" : e.getOriginalMessage());
        }
        if (!parsed) {
            reopen();
        }
        return parsed;
    }

    private boolean readDocument(ParsedFields fields) {
        JsonToken token = next();
        if (token == null) {
            return fields.fail(DecodeFailure.MALFORMED_JSON, "no JSON value");
        }
        if (token != JsonToken.START_OBJECT) {
            if (!skipChildren(token, fields)) {
                return false;
            }
            if (next() != null) {
                return fields.fail(DecodeFailure.MALFORMED_JSON, "content after the JSON value");
            }
            return fields.fail(DecodeFailure.NOT_AN_OBJECT, "the payload is a JSON " + kindName(token));
        }
        while ((token = next()) == JsonToken.PROPERTY_NAME) {
            Field field = Field.byName(parser.currentName());
            token = next();
            if (token == null) {
                return fields.fail(DecodeFailure.MALFORMED_JSON, "unexpected end of input");
            }
            if (!skipChildren(token, fields)) {
                return false;
            }
            if (field != null && token != JsonToken.VALUE_NULL && !record(field, token, fields)) {
                return false;
            }
        }
        if (token != JsonToken.END_OBJECT) {
            return fields.fail(DecodeFailure.MALFORMED_JSON, "unexpected end of input");
        }
        if (next() != null) {
            return fields.fail(DecodeFailure.MALFORMED_JSON, "content after the object");
        }
        return true;
    }

    /** The next token of this payload, feeding the closing tab once its bytes are used up; null at its end. */
    private JsonToken next() {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.NOT_AVAILABLE && !endFed) {
            endFed = true;
            feeder.feedInput(END_OF_PAYLOAD, 0, END_OF_PAYLOAD.length);
            token = parser.nextToken();
        }
        return token == JsonToken.NOT_AVAILABLE ? null : token;
    }

    /** At a value: moves to its last token, counting depth (Jackson's skipChildren cannot wait for input). */
    private boolean skipChildren(JsonToken first, ParsedFields fields) {
        if (!first.isStructStart()) {
            return true;
        }
        int depth = 1;
        while (depth > 0) {
            if (depth > MAX_DEPTH) {
                return fields.fail(DecodeFailure.MALFORMED_JSON, "nesting deeper than " + MAX_DEPTH);
            }
            JsonToken token = next();
            if (token == null) {
                return fields.fail(DecodeFailure.MALFORMED_JSON, "unexpected end of input");
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        }
        return true;
    }

    private boolean record(Field field, JsonToken token, ParsedFields fields) {
        return switch (token) {
            case VALUE_STRING -> {
                yield fields.record(field, ParsedFields.STRING, (byte) 0, parser.getStringCharacters(), parser.getStringOffset(),
                        parser.getStringLength(), 0);
            }
            case VALUE_NUMBER_INT -> {
                char[] text = parser.getStringCharacters();
                int offset = parser.getStringOffset();
                int length = parser.getStringLength();
                boolean negative = text[offset] == '-';
                int digits = negative ? length - 1 : length;
                // Jackson would make a beyond-64-bit integer a BigInteger: ask first whether it fits.
                boolean fits = digits <= SAFE_LONG_DIGITS || NumberInput.inLongRange(text, negative ? offset + 1 : offset, digits, negative);
                yield fields.record(field, ParsedFields.INTEGER, fits ? 0 : ParsedFields.OVERFLOW, text, offset, length,
                        fits ? parser.getLongValue() : 0);
            }
            case VALUE_NUMBER_FLOAT -> fields.record(field, ParsedFields.DECIMAL, (byte) 0, parser.getStringCharacters(),
                    parser.getStringOffset(), parser.getStringLength(), 0);
            case VALUE_TRUE -> fields.record(field, ParsedFields.TRUE, (byte) 0, NO_TEXT, 0, 0, 0);
            case VALUE_FALSE -> fields.record(field, ParsedFields.FALSE, (byte) 0, NO_TEXT, 0, 0, 0);
            case START_OBJECT -> fields.record(field, ParsedFields.OBJECT, (byte) 0, NO_TEXT, 0, 0, 0);
            case START_ARRAY -> fields.record(field, ParsedFields.ARRAY, (byte) 0, NO_TEXT, 0, 0, 0);
            default -> throw new IllegalStateException("token " + token + " as a property value");
        };
    }

    private static String kindName(JsonToken token) {
        return switch (token) {
            case START_ARRAY, END_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> "number";
        };
    }

    private void open() {
        parser = FACTORY.createNonBlockingByteArrayParser(ObjectReadContext.empty());
        feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
    }

    private void reopen() {
        parser.close();
        open();
    }
}
