package io.tradingstack.protocol;

/**
 * The known fields of one JSON object as {@link PayloadParser} read them: for each
 * {@link Field}, the JSON kind of its value and its text, copied out of the parser into one
 * reused {@code char[]} (string content already unescaped, numbers as their JSON text), and
 * an integer's value. {@link MessageDecoder} applies the message rules to this, in an order
 * that does not depend on the order of the fields on the wire.
 *
 * <p>Not thread-safe: one per decoder. Nothing here is allocated per message once the text
 * buffer has grown to the longest message seen.
 */
final class ParsedFields {

    static final byte STRING = 1;
    /** A number without fraction or exponent: what the integer fields require. */
    static final byte INTEGER = 2;
    /** A number with a fraction or an exponent. */
    static final byte DECIMAL = 3;
    static final byte TRUE = 4;
    static final byte FALSE = 5;
    static final byte OBJECT = 6;
    static final byte ARRAY = 7;

    /** An {@link #INTEGER} beyond 64 bits: {@link #integer} holds nothing. */
    static final byte OVERFLOW = 1;

    private static final int FIELD_COUNT = Field.VALUES.length;

    final byte[] kind = new byte[FIELD_COUNT];
    final byte[] flags = new byte[FIELD_COUNT];
    final int[] start = new int[FIELD_COUNT];
    final int[] end = new int[FIELD_COUNT];
    final long[] integer = new long[FIELD_COUNT];
    /** The text that {@link #start} and {@link #end} index, valid until the next {@link #clear}. */
    char[] text = new char[256];
    private int textLength;
    private long present;

    DecodeFailure failure;
    Field failureField;
    String failureDetail;

    void clear() {
        present = 0;
        textLength = 0;
        failure = null;
        failureField = null;
        failureDetail = null;
    }

    boolean has(Field field) {
        return (present & (1L << field.ordinal())) != 0;
    }

    /** Records a known field's value; false with {@link #failure} set when the field was already seen. */
    boolean record(Field field, byte valueKind, byte valueFlags, char[] source, int offset, int length, long value) {
        int index = field.ordinal();
        long bit = 1L << index;
        if ((present & bit) != 0) {
            failureField = field;
            return fail(DecodeFailure.DUPLICATE_FIELD, "field '" + field.wireName + "' appears twice");
        }
        present |= bit;
        if (textLength + length > text.length) {
            char[] grown = new char[Math.max(text.length * 2, textLength + length)];
            System.arraycopy(text, 0, grown, 0, textLength);
            text = grown;
        }
        System.arraycopy(source, offset, text, textLength, length);
        kind[index] = valueKind;
        flags[index] = valueFlags;
        start[index] = textLength;
        textLength += length;
        end[index] = textLength;
        integer[index] = value;
        return true;
    }

    /** Records a failure of the whole payload; always false, so that a caller can return it. */
    boolean fail(DecodeFailure reason, String detail) {
        failure = reason;
        failureDetail = detail;
        return false;
    }
}
