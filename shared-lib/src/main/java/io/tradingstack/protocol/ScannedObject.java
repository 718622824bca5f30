package io.tradingstack.protocol;

/**
 * One JSON object read by a {@link JsonEngine}: for each known {@link Field}, the JSON kind of
 * its value and where its text lies in {@link #src}. {@link MessageDecoder} builds messages
 * from this, whichever engine filled it, so both engines apply the same rules.
 *
 * <p>Strings are kept as raw JSON string content (without quotes): {@link #ESCAPED} says it
 * still holds escapes, {@link #NON_ASCII} that it holds UTF-8 beyond ASCII. Numbers are kept
 * as their JSON text, with {@link #FRACTION} and {@link #EXPONENT} flags.
 */
abstract class ScannedObject {

    static final byte STRING = 1;
    static final byte NUMBER = 2;
    static final byte TRUE = 3;
    static final byte FALSE = 4;
    static final byte OBJECT = 5;
    static final byte ARRAY = 6;

    static final byte ESCAPED = 1;
    static final byte NON_ASCII = 2;
    static final byte FRACTION = 4;
    static final byte EXPONENT = 8;

    /** Deeper nesting than this, in a field we would ignore anyway, is refused rather than followed. */
    static final int MAX_DEPTH = 32;

    private static final int FIELD_COUNT = Field.VALUES.length;

    final byte[] kind = new byte[FIELD_COUNT];
    final byte[] flags = new byte[FIELD_COUNT];
    final int[] start = new int[FIELD_COUNT];
    final int[] end = new int[FIELD_COUNT];
    private long present;

    /** The bytes that {@link #start} and {@link #end} index, valid until the next scan. */
    byte[] src;

    DecodeFailure failure;
    Field failureField;
    String failureDetail;

    /** Reads {@code src[offset, offset + length)}; false with {@link #failure} set when it is not one JSON object. */
    abstract boolean scan(byte[] src, int offset, int length);

    final boolean has(Field field) {
        return (present & (1L << field.ordinal())) != 0;
    }

    final void reset(byte[] source) {
        src = source;
        present = 0;
        failure = null;
        failureField = null;
        failureDetail = null;
    }

    /** Records a known field's value; false with {@link #failure} set when the field was already seen. */
    final boolean record(Field field, byte valueKind, byte valueFlags, int from, int to) {
        int index = field.ordinal();
        long bit = 1L << index;
        if ((present & bit) != 0) {
            failure = DecodeFailure.DUPLICATE_FIELD;
            failureField = field;
            failureDetail = "field '" + field.wireName + "' appears twice";
            return false;
        }
        present |= bit;
        kind[index] = valueKind;
        flags[index] = valueFlags;
        start[index] = from;
        end[index] = to;
        return true;
    }

    final void fail(DecodeFailure reason, String detail) {
        failure = reason;
        failureDetail = detail;
    }
}
