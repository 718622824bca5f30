package io.tradingstack.protocol;

/**
 * The native {@link JsonEngine}: reads one JSON object (RFC 8259, strict) from UTF-8 bytes and
 * records where the value of each {@link Field} lies, in one pass and without allocating. Values of fields it does not know are checked
 * for well-formedness and skipped (unknown extra fields are ignored).
 *
 * <p>Not thread-safe: one scanner per decoder, one decoder per connection or thread. The
 * scanner keeps references into the caller's buffer until the next {@link #scan}.
 */
final class JsonObjectScanner extends ScannedObject {

    /** Thrown to unwind a failed scan; carries nothing, so one instance serves every thread. */
    private static final class Abort extends RuntimeException {
        Abort() {
            super(null, null, false, false);
        }
    }

    private static final Abort ABORT = new Abort();

    private int pos;
    private int limit;
    private byte[] keyScratch = new byte[64];

    @Override
    boolean scan(byte[] src, int offset, int length) {
        reset(src);
        this.pos = offset;
        this.limit = offset + length;
        try {
            skipWhitespace();
            if (pos >= limit) {
                throw failed(DecodeFailure.MALFORMED_JSON, "no JSON value");
            }
            if (src[pos] != '{') {
                skipValue(0);
                skipWhitespace();
                if (pos < limit) {
                    throw failed(DecodeFailure.MALFORMED_JSON, "unexpected '" + printable(src[pos]) + "' at offset " + (pos - offset));
                }
                throw failed(DecodeFailure.NOT_AN_OBJECT, "the payload is a JSON " + kindName(src[offset + leadingWhitespace(offset)]));
            }
            pos++;
            readMembers();
            skipWhitespace();
            if (pos < limit) {
                throw failed(DecodeFailure.MALFORMED_JSON, "content after the object at offset " + (pos - offset));
            }
            return true;
        } catch (Abort abort) {
            return false;
        }
    }

    private void readMembers() {
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw unexpected("a field name");
            }
            int keyStart = pos + 1;
            byte keyFlags = skipString();
            int keyEnd = pos - 1;
            Field field = (keyFlags & ESCAPED) == 0 ? Field.match(src, keyStart, keyEnd) : matchEscapedKey(keyStart, keyEnd);
            skipWhitespace();
            if (peek() != ':') {
                throw unexpected("':'");
            }
            pos++;
            skipWhitespace();
            readValue(field);
            skipWhitespace();
            byte next = peek();
            pos++;
            if (next == '}') {
                return;
            }
            if (next != ',') {
                pos--;
                throw unexpected("',' or '}'");
            }
        }
    }

    private void readValue(Field field) {
        int valueStart = pos;
        byte b = peek();
        byte valueKind;
        byte valueFlags = 0;
        int from = valueStart;
        int to;
        switch (b) {
            case '"' -> {
                valueKind = STRING;
                valueFlags = skipString();
                from = valueStart + 1;
                to = pos - 1;
            }
            case '{' -> {
                valueKind = OBJECT;
                skipValue(0);
                to = pos;
            }
            case '[' -> {
                valueKind = ARRAY;
                skipValue(0);
                to = pos;
            }
            case 't' -> {
                valueKind = TRUE;
                skipLiteral("true");
                to = pos;
            }
            case 'f' -> {
                valueKind = FALSE;
                skipLiteral("false");
                to = pos;
            }
            case 'n' -> {
                skipLiteral("null");
                return; // null counts as absent
            }
            default -> {
                valueKind = NUMBER;
                valueFlags = skipNumber();
                to = pos;
            }
        }
        if (field != null && !record(field, valueKind, valueFlags, from, to)) {
            throw ABORT;
        }
    }

    /** Skips any JSON value, checking its grammar; nesting deeper than {@link #MAX_DEPTH} is refused. */
    private void skipValue(int depth) {
        byte b = peek();
        switch (b) {
            case '"' -> skipString();
            case 't' -> skipLiteral("true");
            case 'f' -> skipLiteral("false");
            case 'n' -> skipLiteral("null");
            case '{', '[' -> skipContainer(b, depth + 1);
            default -> skipNumber();
        }
    }

    private void skipContainer(byte open, int depth) {
        if (depth > MAX_DEPTH) {
            throw failed(DecodeFailure.MALFORMED_JSON, "nesting deeper than " + MAX_DEPTH);
        }
        byte close = open == '{' ? (byte) '}' : (byte) ']';
        pos++;
        skipWhitespace();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            if (open == '{') {
                if (peek() != '"') {
                    throw unexpected("a field name");
                }
                skipString();
                skipWhitespace();
                if (peek() != ':') {
                    throw unexpected("':'");
                }
                pos++;
                skipWhitespace();
            }
            skipValue(depth);
            skipWhitespace();
            byte next = peek();
            if (next == close) {
                pos++;
                return;
            }
            if (next != ',') {
                throw unexpected("',' or '" + (char) close + "'");
            }
            pos++;
        }
    }

    /** At an opening quote: moves past the closing quote, checking escapes and UTF-8. */
    private byte skipString() {
        pos++;
        byte result = 0;
        while (true) {
            if (pos >= limit) {
                throw failed(DecodeFailure.MALFORMED_JSON, "unterminated string");
            }
            int b = src[pos];
            if (b == '"') {
                pos++;
                return result;
            }
            if (b == '\\') {
                result |= ESCAPED;
                skipEscape();
            } else if (b < 0) {
                result |= NON_ASCII;
                skipUtf8Sequence(b & 0xFF);
            } else if (b < 0x20) {
                throw failed(DecodeFailure.MALFORMED_JSON, "control character 0x" + Integer.toHexString(b) + " inside a string");
            } else {
                pos++;
            }
        }
    }

    private void skipEscape() {
        if (pos + 1 >= limit) {
            throw failed(DecodeFailure.MALFORMED_JSON, "unterminated escape");
        }
        byte e = src[pos + 1];
        switch (e) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> pos += 2;
            case 'u' -> {
                if (pos + 6 > limit) {
                    throw failed(DecodeFailure.MALFORMED_JSON, "unterminated \\u escape");
                }
                for (int i = pos + 2; i < pos + 6; i++) {
                    if (hexValue(src[i]) < 0) {
                        throw failed(DecodeFailure.MALFORMED_JSON, "bad \\u escape");
                    }
                }
                pos += 6;
            }
            default -> throw failed(DecodeFailure.MALFORMED_JSON, "bad escape '\\" + printable(e) + "'");
        }
    }

    /** RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF. */
    private void skipUtf8Sequence(int lead) {
        int length = Utf8.sequenceLength(src, pos, limit);
        if (length < 0) {
            throw failed(DecodeFailure.INVALID_UTF8, "ill-formed UTF-8 sequence starting with byte 0x" + Integer.toHexString(lead));
        }
        pos += length;
    }

    /** JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private byte skipNumber() {
        byte result = 0;
        int begin = pos;
        if (pos < limit && src[pos] == '-') {
            pos++;
        }
        if (pos >= limit || !isDigit(src[pos])) {
            pos = begin;
            throw unexpected("a JSON value");
        }
        if (src[pos] == '0') {
            pos++;
            if (pos < limit && isDigit(src[pos])) {
                throw failed(DecodeFailure.MALFORMED_JSON, "number with a leading zero");
            }
        } else {
            skipDigits();
        }
        if (pos < limit && src[pos] == '.') {
            result |= FRACTION;
            pos++;
            if (pos >= limit || !isDigit(src[pos])) {
                throw failed(DecodeFailure.MALFORMED_JSON, "no digit after the decimal point");
            }
            skipDigits();
        }
        if (pos < limit && (src[pos] == 'e' || src[pos] == 'E')) {
            result |= EXPONENT;
            pos++;
            if (pos < limit && (src[pos] == '+' || src[pos] == '-')) {
                pos++;
            }
            if (pos >= limit || !isDigit(src[pos])) {
                throw failed(DecodeFailure.MALFORMED_JSON, "no digit in the exponent");
            }
            skipDigits();
        }
        return result;
    }

    private void skipDigits() {
        while (pos < limit && isDigit(src[pos])) {
            pos++;
        }
    }

    private void skipLiteral(String literal) {
        int length = literal.length();
        if (pos + length > limit) {
            throw failed(DecodeFailure.MALFORMED_JSON, "unexpected end of input");
        }
        for (int i = 0; i < length; i++) {
            if (src[pos + i] != literal.charAt(i)) {
                throw unexpected("a JSON value");
            }
        }
        pos += length;
    }

    private void skipWhitespace() {
        while (pos < limit) {
            byte b = src[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private int leadingWhitespace(int offset) {
        int i = offset;
        while (src[i] == ' ' || src[i] == '\n' || src[i] == '\r' || src[i] == '\t') {
            i++;
        }
        return i - offset;
    }

    private byte peek() {
        if (pos >= limit) {
            throw failed(DecodeFailure.MALFORMED_JSON, "unexpected end of input");
        }
        return src[pos];
    }

    private Field matchEscapedKey(int from, int to) {
        int length = JsonStrings.unescapeToUtf8(src, from, to, keyScratch);
        if (length == -1) {
            keyScratch = new byte[to - from];
            length = JsonStrings.unescapeToUtf8(src, from, to, keyScratch);
        }
        // A name with a lone surrogate is no name we know: its value is skipped like any unknown field's.
        return length < 0 ? null : Field.match(keyScratch, 0, length);
    }

    private Abort unexpected(String expected) {
        if (pos >= limit) {
            return failed(DecodeFailure.MALFORMED_JSON, "unexpected end of input, expected " + expected);
        }
        byte b = src[pos];
        if (b < 0) {
            // A raw non-ASCII byte outside a string: if it is not even UTF-8, say so first.
            int save = pos;
            skipUtf8Sequence(b & 0xFF);
            pos = save;
        }
        return failed(DecodeFailure.MALFORMED_JSON, "unexpected '" + printable(b) + "', expected " + expected);
    }

    private Abort failed(DecodeFailure reason, String detail) {
        fail(reason, detail);
        return ABORT;
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xFF);
    }

    private static String kindName(byte first) {
        return switch (first) {
            case '[' -> "array";
            case '"' -> "string";
            case 't', 'f' -> "boolean";
            case 'n' -> "null";
            default -> "number";
        };
    }
}
