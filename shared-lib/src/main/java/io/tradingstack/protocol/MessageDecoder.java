package io.tradingstack.protocol;

import static io.tradingstack.protocol.ParsedFields.ARRAY;
import static io.tradingstack.protocol.ParsedFields.DECIMAL;
import static io.tradingstack.protocol.ParsedFields.FALSE;
import static io.tradingstack.protocol.ParsedFields.INTEGER;
import static io.tradingstack.protocol.ParsedFields.OBJECT;
import static io.tradingstack.protocol.ParsedFields.OVERFLOW;
import static io.tradingstack.protocol.ParsedFields.STRING;
import static io.tradingstack.protocol.ParsedFields.TRUE;

import java.util.Arrays;

/**
 * JSON payload → {@link Message}, or a {@link DecodeError} that names the reason; no exception
 * escapes. Jackson's parser ({@link PayloadParser}) reads the JSON; this class applies the
 * message rules. Decoding a {@code price} payload allocates only the {@link PriceTick}: the
 * parser is reused, symbols are looked up in a cache from the parser's chars, integers come
 * from the parser as {@code long}s and prices are read straight into fixed point.
 *
 * <p>Checks run in two stages, so that the reason is the same whatever the field order: first
 * every field's presence and JSON type (protocol violations), then every value's range (value
 * failures, which an order server answers with a REJECTED execution).
 *
 * <p>Not thread-safe: one decoder per connection or per thread.
 */
public final class MessageDecoder {

    private static final int MAX_ID_LENGTH = 64;
    private static final int MAX_EXCERPT = 40;

    private static final char[] BUY = "BUY".toCharArray();
    private static final char[] SELL = "SELL".toCharArray();
    private static final char[] FILLED = "FILLED".toCharArray();
    private static final char[] REJECTED = "REJECTED".toCharArray();

    /** Unwinds a failed build; stateless, so one instance serves every thread. */
    private static final class Abort extends RuntimeException {
        Abort() {
            super(null, null, false, false);
        }
    }

    private static final Abort ABORT = new Abort();

    private final PayloadParser parser = new PayloadParser();
    private final ParsedFields json = new ParsedFields();
    private final SymbolCache symbols = new SymbolCache();

    private MessageType type;
    private String clientOrderId;
    private DecodeFailure failure;
    private Field failureField;
    private String failureDetail;

    /** Decodes one JSON payload (no frame header). */
    public Decoded decode(byte[] src, int offset, int length) {
        type = null;
        clientOrderId = "";
        if (!parser.parse(src, offset, length, json)) {
            Field field = json.failureField;
            return new DecodeError(json.failure, null, field == null ? "" : field.wireName, json.failureDetail, "");
        }
        try {
            type = readType();
            return switch (type) {
                case PRICE -> price();
                case NEWS -> news();
                case HEARTBEAT -> heartbeat();
                case REPLAY -> replay();
                case RESET -> reset();
                case LOGON -> logon();
                case ORDER -> order();
                case EXECUTION -> execution();
                case CANCEL -> cancel();
                case ERROR -> error();
            };
        } catch (Abort abort) {
            return new DecodeError(failure, type, failureField == null ? "" : failureField.wireName, failureDetail,
                    clientOrderId);
        }
    }

    private MessageType readType() {
        checkString(Field.TYPE, true);
        checkWholeCharacters(Field.TYPE);
        MessageType found = MessageType.fromWire(json.text, json.start[Field.TYPE.ordinal()], json.end[Field.TYPE.ordinal()]);
        if (found == null) {
            throw fail(DecodeFailure.UNKNOWN_TYPE, Field.TYPE, "type \"" + excerpt(Field.TYPE) + "\" is not a message of this protocol");
        }
        return found;
    }

    private PriceTick price() {
        checkInteger(Field.SESSION, true);
        checkInteger(Field.SEQ, true);
        checkString(Field.SYMBOL, true);
        checkNumber(Field.BID, true);
        checkNumber(Field.ASK, true);
        checkInteger(Field.TS, true);
        long session = integer(Field.SESSION, 1, Long.MAX_VALUE);
        long seq = integer(Field.SEQ, 1, Long.MAX_VALUE);
        String symbol = symbol(Field.SYMBOL);
        long bid = price(Field.BID);
        long ask = price(Field.ASK);
        if (ask < bid) {
            throw fail(DecodeFailure.OUT_OF_RANGE, Field.ASK, "ask " + Prices.format(ask) + " is below bid " + Prices.format(bid));
        }
        long ts = integer(Field.TS, 1, Long.MAX_VALUE);
        return new PriceTick(session, seq, symbol, bid, ask, ts);
    }

    private NewsTick news() {
        checkInteger(Field.SESSION, true);
        checkInteger(Field.SEQ, true);
        checkString(Field.SYMBOL, true);
        checkInteger(Field.SENTIMENT, true);
        checkString(Field.HEADLINE, true);
        checkInteger(Field.TS, true);
        long session = integer(Field.SESSION, 1, Long.MAX_VALUE);
        long seq = integer(Field.SEQ, 1, Long.MAX_VALUE);
        String symbol = symbol(Field.SYMBOL);
        int sentiment = (int) integer(Field.SENTIMENT, 0, 100);
        String headline = text(Field.HEADLINE);
        long ts = integer(Field.TS, 1, Long.MAX_VALUE);
        return new NewsTick(session, seq, symbol, sentiment, headline, ts);
    }

    private Heartbeat heartbeat() {
        checkInteger(Field.SESSION, true);
        checkInteger(Field.SEQ, true);
        checkInteger(Field.TS, true);
        return new Heartbeat(integer(Field.SESSION, 1, Long.MAX_VALUE), integer(Field.SEQ, 0, Long.MAX_VALUE),
                integer(Field.TS, 1, Long.MAX_VALUE));
    }

    private ReplayRequest replay() {
        checkInteger(Field.FROM_SEQ, true);
        checkInteger(Field.SESSION, false);
        long fromSeq = integer(Field.FROM_SEQ, 0, Long.MAX_VALUE);
        if (!json.has(Field.SESSION)) {
            if (fromSeq > 0) {
                throw fail(DecodeFailure.MISSING_FIELD, Field.SESSION, "a replay from seq " + fromSeq + " must name its session");
            }
            return new ReplayRequest(fromSeq, ReplayRequest.NO_SESSION);
        }
        return new ReplayRequest(fromSeq, integer(Field.SESSION, 1, Long.MAX_VALUE));
    }

    private Reset reset() {
        checkInteger(Field.SESSION, true);
        checkInteger(Field.FIRST_SEQ, true);
        return new Reset(integer(Field.SESSION, 1, Long.MAX_VALUE), integer(Field.FIRST_SEQ, 1, Long.MAX_VALUE));
    }

    private Logon logon() {
        checkString(Field.STRATEGY_ID, true);
        checkString(Field.TOKEN, false);
        String strategyId = identifier(Field.STRATEGY_ID, DecodeFailure.INVALID_STRATEGY_ID);
        String token = json.has(Field.TOKEN) ? text(Field.TOKEN) : "";
        return new Logon(strategyId, token);
    }

    private Order order() {
        checkString(Field.CLIENT_ORDER_ID, true);
        checkString(Field.STRATEGY_ID, true);
        checkString(Field.SYMBOL, true);
        checkString(Field.SIDE, true);
        checkInteger(Field.QUANTITY, true);
        checkNumber(Field.LIMIT_PRICE, false);
        checkInteger(Field.ORIGIN_TS, false);
        // The id first: every later value failure is answered with a REJECTED execution that carries it.
        String id = text(Field.CLIENT_ORDER_ID);
        clientOrderId = id;
        checkIdentifier(Field.CLIENT_ORDER_ID, id, DecodeFailure.INVALID_CLIENT_ORDER_ID);
        String strategyId = identifier(Field.STRATEGY_ID, DecodeFailure.INVALID_STRATEGY_ID);
        String symbol = symbol(Field.SYMBOL);
        Side side = side();
        long quantity = integer(Field.QUANTITY, 1, Long.MAX_VALUE);
        long limitPrice = json.has(Field.LIMIT_PRICE) ? price(Field.LIMIT_PRICE) : Prices.NONE;
        long originTs = json.has(Field.ORIGIN_TS) ? integer(Field.ORIGIN_TS, 0, Long.MAX_VALUE) : 0L;
        return new Order(id, strategyId, symbol, side, quantity, limitPrice, originTs);
    }

    private Cancel cancel() {
        checkString(Field.CLIENT_ORDER_ID, true);
        checkString(Field.STRATEGY_ID, true);
        // The id first, as for an order: a value failure is answered with a REJECTED execution that carries it.
        String id = text(Field.CLIENT_ORDER_ID);
        clientOrderId = id;
        checkIdentifier(Field.CLIENT_ORDER_ID, id, DecodeFailure.INVALID_CLIENT_ORDER_ID);
        return new Cancel(id, identifier(Field.STRATEGY_ID, DecodeFailure.INVALID_STRATEGY_ID));
    }

    private Execution execution() {
        checkString(Field.CLIENT_ORDER_ID, true);
        checkInteger(Field.ORDER_ID, true);
        checkString(Field.STATUS, true);
        checkInteger(Field.FILLED_QUANTITY, true);
        checkNumber(Field.PRICE, false);
        checkString(Field.REASON, false);
        checkInteger(Field.TS, true);
        String id = text(Field.CLIENT_ORDER_ID);
        clientOrderId = id;
        long orderId = integer(Field.ORDER_ID, 1, Long.MAX_VALUE);
        ExecutionStatus status = status();
        long filled = integer(Field.FILLED_QUANTITY, 0, Long.MAX_VALUE);
        long ts = integer(Field.TS, 1, Long.MAX_VALUE);
        if (status == ExecutionStatus.FILLED) {
            if (filled == 0) {
                throw fail(DecodeFailure.OUT_OF_RANGE, Field.FILLED_QUANTITY, "a FILLED execution must fill a positive quantity");
            }
            if (!json.has(Field.PRICE)) {
                throw fail(DecodeFailure.MISSING_FIELD, Field.PRICE, "a FILLED execution must carry its price");
            }
            return new Execution(id, orderId, status, filled, price(Field.PRICE), "", ts);
        }
        if (filled != 0) {
            throw fail(DecodeFailure.OUT_OF_RANGE, Field.FILLED_QUANTITY, "a REJECTED execution fills nothing, found " + filled);
        }
        if (!json.has(Field.REASON) || json.start[Field.REASON.ordinal()] == json.end[Field.REASON.ordinal()]) {
            throw fail(DecodeFailure.MISSING_FIELD, Field.REASON, "a REJECTED execution must name its reason");
        }
        long price = json.has(Field.PRICE) ? price(Field.PRICE) : Prices.NONE;
        return new Execution(id, orderId, status, 0, price, text(Field.REASON), ts);
    }

    private ErrorFrame error() {
        checkString(Field.REASON, true);
        checkString(Field.DETAIL, false);
        return new ErrorFrame(text(Field.REASON), json.has(Field.DETAIL) ? text(Field.DETAIL) : "");
    }

    // ---- stage one: presence and JSON type ----

    private void checkString(Field field, boolean required) {
        if (present(field, required) && json.kind[field.ordinal()] != STRING) {
            throw wrongType(field, "a string");
        }
    }

    private void checkNumber(Field field, boolean required) {
        if (present(field, required) && json.kind[field.ordinal()] != INTEGER && json.kind[field.ordinal()] != DECIMAL) {
            throw wrongType(field, "a number");
        }
    }

    private void checkInteger(Field field, boolean required) {
        if (!present(field, required)) {
            return;
        }
        int index = field.ordinal();
        if (json.kind[index] == DECIMAL) {
            throw fail(DecodeFailure.WRONG_FIELD_TYPE, field,
                    "'" + field.wireName + "' must be a JSON integer (no fraction, no exponent), found " + excerpt(field));
        }
        if (json.kind[index] != INTEGER) {
            throw wrongType(field, "an integer");
        }
    }

    private boolean present(Field field, boolean required) {
        if (json.has(field)) {
            return true;
        }
        if (required) {
            throw fail(DecodeFailure.MISSING_FIELD, field, "required field '" + field.wireName + "' is absent");
        }
        return false;
    }

    private Abort wrongType(Field field, String expected) {
        return fail(DecodeFailure.WRONG_FIELD_TYPE, field,
                "'" + field.wireName + "' must be " + expected + ", found " + kindName(json.kind[field.ordinal()]));
    }

    // ---- stage two: values ----

    private long integer(Field field, long min, long max) {
        int index = field.ordinal();
        if ((json.flags[index] & OVERFLOW) != 0) {
            throw fail(DecodeFailure.OUT_OF_RANGE, field, "'" + field.wireName + "' " + excerpt(field) + " is beyond a 64-bit integer");
        }
        long value = json.integer[index];
        if (value < min || value > max) {
            throw fail(DecodeFailure.OUT_OF_RANGE, field, "'" + field.wireName + "' " + value + " is outside " + min + ".."
                    + (max == Long.MAX_VALUE ? "2^63-1" : String.valueOf(max)));
        }
        return value;
    }

    private long price(Field field) {
        int index = field.ordinal();
        long value = PriceText.parse(json.text, json.start[index], json.end[index]);
        if (value == PriceText.NOT_REPRESENTABLE) {
            throw fail(DecodeFailure.OUT_OF_RANGE, field, "'" + field.wireName + "' " + excerpt(field)
                    + " has more than " + Prices.DECIMALS + " decimals or is too large");
        }
        if (value <= 0) {
            throw fail(DecodeFailure.OUT_OF_RANGE, field, "'" + field.wireName + "' " + excerpt(field) + " must be positive");
        }
        return value;
    }

    private String symbol(Field field) {
        int index = field.ordinal();
        int from = json.start[index];
        int to = json.end[index];
        if (!Symbols.isValid(json.text, from, to)) {
            throw fail(DecodeFailure.INVALID_SYMBOL, field, "symbol \"" + excerpt(field) + "\" must be 1–"
                    + Symbols.MAX_LENGTH + " printable ASCII characters without space, quote or backslash");
        }
        return symbols.intern(json.text, from, to);
    }

    /** A strategy id: one of a few per connection, so it is looked up in the cache rather than allocated. */
    private String identifier(Field field, DecodeFailure failureReason) {
        checkWholeCharacters(field);
        int index = field.ordinal();
        int from = json.start[index];
        int to = json.end[index];
        if (to == from || to - from > MAX_ID_LENGTH || !Symbols.isPrintableAscii(json.text, from, to)) {
            throw identifierFailure(field, failureReason);
        }
        return symbols.intern(json.text, from, to);
    }

    private void checkIdentifier(Field field, String value, DecodeFailure failureReason) {
        if (value.isEmpty() || value.length() > MAX_ID_LENGTH || !Symbols.isPrintableAscii(value)) {
            throw identifierFailure(field, failureReason);
        }
    }

    private Abort identifierFailure(Field field, DecodeFailure failureReason) {
        return fail(failureReason, field, "'" + field.wireName + "' \"" + excerpt(field) + "\" must be 1–" + MAX_ID_LENGTH
                + " printable ASCII characters");
    }

    private Side side() {
        if (textEquals(Field.SIDE, BUY)) {
            return Side.BUY;
        }
        if (textEquals(Field.SIDE, SELL)) {
            return Side.SELL;
        }
        throw fail(DecodeFailure.UNKNOWN_SIDE, Field.SIDE, "side \"" + excerpt(Field.SIDE) + "\" is neither BUY nor SELL");
    }

    private ExecutionStatus status() {
        if (textEquals(Field.STATUS, FILLED)) {
            return ExecutionStatus.FILLED;
        }
        if (textEquals(Field.STATUS, REJECTED)) {
            return ExecutionStatus.REJECTED;
        }
        throw fail(DecodeFailure.UNKNOWN_STATUS, Field.STATUS, "status \"" + excerpt(Field.STATUS) + "\" is neither FILLED nor REJECTED");
    }

    private boolean textEquals(Field field, char[] expected) {
        checkWholeCharacters(field);
        int index = field.ordinal();
        return Arrays.equals(expected, 0, expected.length, json.text, json.start[index], json.end[index]);
    }

    private String text(Field field) {
        checkWholeCharacters(field);
        int index = field.ordinal();
        return new String(json.text, json.start[index], json.end[index] - json.start[index]);
    }

    /**
     * A string read as text must be whole characters: Jackson decodes a {@code \\ud800} escape
     * to half a surrogate pair, which has no UTF-8 form to write back.
     */
    private void checkWholeCharacters(Field field) {
        int index = field.ordinal();
        if (hasLoneSurrogate(json.text, json.start[index], json.end[index])) {
            throw fail(DecodeFailure.MALFORMED_JSON, field, "'" + field.wireName + "' holds a lone surrogate in a \\u escape");
        }
    }

    private static boolean hasLoneSurrogate(char[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == to || !Character.isLowSurrogate(text[i + 1])) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    /** A short, printable piece of a field's raw text, for error details that reach logs. */
    private String excerpt(Field field) {
        int index = field.ordinal();
        int from = json.start[index];
        int to = Math.min(json.end[index], from + MAX_EXCERPT);
        StringBuilder text = new StringBuilder(to - from + 3);
        for (int i = from; i < to; i++) {
            char c = json.text[i];
            text.append(c >= 0x20 && c < 0x7F && c != '"' ? c : '?');
        }
        if (json.end[index] > to) {
            text.append("...");
        }
        return text.toString();
    }

    private Abort fail(DecodeFailure reason, Field field, String detail) {
        failure = reason;
        failureField = field;
        failureDetail = detail;
        return ABORT;
    }

    private static String kindName(byte kind) {
        return switch (kind) {
            case STRING -> "a string";
            case INTEGER, DECIMAL -> "a number";
            case TRUE, FALSE -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            default -> "nothing";
        };
    }
}
