package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a frame can be bad gives its exact reason, through the buffer decoder and
 * through the stream reader alike, and no exception escapes the codec.
 */
class BadInputTest {

    private static final int MAX = Framing.DEFAULT_MAX_FRAME_LENGTH;

    private static final String PRICE = "{\"type\":\"price\",\"session\":7,\"seq\":1,\"symbol\":\"AAPL\",\"bid\":187.25,\"ask\":187.27,\"ts\":1700000000000000000";
    private static final String NEWS = "{\"type\":\"news\",\"session\":7,\"seq\":1,\"symbol\":\"AAPL\",\"headline\":\"h\",\"ts\":1700000000000000000";
    private static final String NEWS_UP_TO_HEADLINE = "{\"type\":\"news\",\"session\":7,\"seq\":1,\"symbol\":\"AAPL\",\"sentiment\":5,\"ts\":1,\"headline\":\"";
    private static final String CANCEL = "{\"type\":\"cancel\",\"clientOrderId\":\"s1-42\",\"strategyId\":\"s1\"";
    private static final String ORDER = "{\"type\":\"order\",\"clientOrderId\":\"s1-42\",\"strategyId\":\"s1\",\"symbol\":\"MSFT\",\"originTs\":5";

    static Stream<Arguments> badFrames() {
        return Stream.of(
                // framing
                bad("length 0", header(0), DecodeFailure.EMPTY_FRAME, ""),
                bad("length max+1", header(MAX + 1), DecodeFailure.FRAME_TOO_LARGE, ""),
                bad("length 2^31-1", header(Integer.MAX_VALUE), DecodeFailure.FRAME_TOO_LARGE, ""),
                bad("negative length", header(-1), DecodeFailure.NEGATIVE_LENGTH, ""),
                bad("header cut after 2 bytes", new byte[] {0, 0}, DecodeFailure.TRUNCATED_FRAME, ""),
                bad("payload cut short", concat(header(100), utf8("{\"type\":\"price\"")), DecodeFailure.TRUNCATED_FRAME, ""),
                bad("frame cut inside the JSON", frame(PRICE.substring(0, 40)), DecodeFailure.MALFORMED_JSON, ""),
                // syntax
                bad("not JSON", frame("hello"), DecodeFailure.MALFORMED_JSON, ""),
                bad("JSON array", frame("[1,2,3]"), DecodeFailure.NOT_AN_OBJECT, ""),
                bad("JSON string", frame("\"price\""), DecodeFailure.NOT_AN_OBJECT, ""),
                bad("content after the object", frame(PRICE + "}{}"), DecodeFailure.MALFORMED_JSON, ""),
                bad("a number after the object", frame(PRICE + "} 5"), DecodeFailure.MALFORMED_JSON, ""),
                bad("a string left open after the object", frame(PRICE + "} \"x"), DecodeFailure.MALFORMED_JSON, ""),
                bad("byte order mark", frame(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(PRICE + "}"))),
                        DecodeFailure.MALFORMED_JSON, ""),
                bad("trailing comma", frame(PRICE + ",}"), DecodeFailure.MALFORMED_JSON, ""),
                bad("single quotes", frame("{'type':'price'}"), DecodeFailure.MALFORMED_JSON, ""),
                bad("raw newline inside a string", frame(NEWS.replace("\"h\"", "\"a\nb\"") + ",\"sentiment\":5}"),
                        DecodeFailure.MALFORMED_JSON, ""),
                bad("lone surrogate escape", frame(NEWS.replace("\"h\"", "\"\\ud800\"") + ",\"sentiment\":5}"),
                        DecodeFailure.MALFORMED_JSON, "headline"),
                bad("nesting 100 deep in an unknown field", frame("{\"type\":\"heartbeat\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}"),
                        DecodeFailure.MALFORMED_JSON, ""),
                bad("leading zero", frame(PRICE.replace("\"seq\":1", "\"seq\":01") + "}"), DecodeFailure.MALFORMED_JSON, ""),
                bad("duplicate field", frame(PRICE + ",\"seq\":2}"), DecodeFailure.DUPLICATE_FIELD, "seq"),
                // UTF-8
                bad("invalid UTF-8 continuation", frame(concat(utf8(NEWS_UP_TO_HEADLINE), new byte[] {(byte) 0xC3, 0x28},
                        utf8("\"}"))), DecodeFailure.INVALID_UTF8, ""),
                bad("overlong UTF-8 slash", frame(concat(utf8(NEWS_UP_TO_HEADLINE), new byte[] {(byte) 0xC0, (byte) 0xAF},
                        utf8("\"}"))), DecodeFailure.INVALID_UTF8, ""),
                bad("UTF-8 encoded surrogate", frame(concat(utf8(NEWS_UP_TO_HEADLINE), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        utf8("\"}"))), DecodeFailure.INVALID_UTF8, ""),
                bad("UTF-8 above U+10FFFF", frame(concat(utf8(NEWS_UP_TO_HEADLINE), new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                        (byte) 0x80}, utf8("\"}"))), DecodeFailure.INVALID_UTF8, ""),
                bad("UTF-8 cut at the end of the string", frame(concat(utf8(NEWS_UP_TO_HEADLINE), new byte[] {(byte) 0xE2, (byte) 0x82},
                        utf8("\"}"))), DecodeFailure.INVALID_UTF8, ""),
                // schema
                bad("unknown type", frame("{\"type\":\"quote\",\"seq\":1}"), DecodeFailure.UNKNOWN_TYPE, "type"),
                bad("no type", frame("{\"session\":1,\"seq\":1}"), DecodeFailure.MISSING_FIELD, "type"),
                bad("type is a number", frame("{\"type\":3}"), DecodeFailure.WRONG_FIELD_TYPE, "type"),
                bad("price without symbol", frame(PRICE.replace("\"symbol\":\"AAPL\",", "") + "}"), DecodeFailure.MISSING_FIELD, "symbol"),
                bad("null counts as absent", frame(PRICE.replace("\"AAPL\"", "null") + "}"), DecodeFailure.MISSING_FIELD, "symbol"),
                bad("seq as a string", frame(PRICE.replace("\"seq\":1", "\"seq\":\"1\"") + "}"), DecodeFailure.WRONG_FIELD_TYPE, "seq"),
                bad("ts with a fraction", frame(PRICE.replace("\"ts\":1700000000000000000", "\"ts\":1.5") + "}"),
                        DecodeFailure.WRONG_FIELD_TYPE, "ts"),
                bad("seq with an exponent", frame(PRICE.replace("\"seq\":1", "\"seq\":1e3") + "}"), DecodeFailure.WRONG_FIELD_TYPE, "seq"),
                bad("bid as a boolean", frame(PRICE.replace("187.25", "true") + "}"), DecodeFailure.WRONG_FIELD_TYPE, "bid"),
                bad("replay from seq 5 without its session", frame("{\"type\":\"replay\",\"fromSeq\":5}"), DecodeFailure.MISSING_FIELD, "session"),
                bad("cancel without clientOrderId", frame("{\"type\":\"cancel\",\"strategyId\":\"s1\"}"),
                        DecodeFailure.MISSING_FIELD, "clientOrderId"),
                bad("cancel without strategyId", frame("{\"type\":\"cancel\",\"clientOrderId\":\"s1-42\"}"),
                        DecodeFailure.MISSING_FIELD, "strategyId"),
                bad("cancel with a null strategyId", frame(CANCEL.replace("\"s1\"", "null") + "}"), DecodeFailure.MISSING_FIELD,
                        "strategyId"),
                bad("cancel with a numeric clientOrderId", frame(CANCEL.replace("\"s1-42\"", "42") + "}"),
                        DecodeFailure.WRONG_FIELD_TYPE, "clientOrderId"),
                bad("cancel with strategyId as an array", frame(CANCEL.replace("\"s1\"", "[\"s1\"]") + "}"),
                        DecodeFailure.WRONG_FIELD_TYPE, "strategyId"),
                bad("rejected execution without reason", frame("{\"type\":\"execution\",\"clientOrderId\":\"a\",\"orderId\":1,"
                        + "\"status\":\"REJECTED\",\"filledQuantity\":0,\"ts\":1}"), DecodeFailure.MISSING_FIELD, "reason"),
                // values
                bad("negative quantity", frame(ORDER + ",\"side\":\"BUY\",\"quantity\":-5}"), DecodeFailure.OUT_OF_RANGE, "quantity"),
                bad("zero quantity", frame(ORDER + ",\"side\":\"BUY\",\"quantity\":0}"), DecodeFailure.OUT_OF_RANGE, "quantity"),
                bad("quantity beyond 64 bits", frame(ORDER + ",\"side\":\"BUY\",\"quantity\":9223372036854775808}"),
                        DecodeFailure.OUT_OF_RANGE, "quantity"),
                bad("quantity of 2,000 digits", frame(ORDER + ",\"side\":\"BUY\",\"quantity\":" + "9".repeat(2000) + "}"),
                        DecodeFailure.OUT_OF_RANGE, "quantity"),
                bad("unknown side", frame(ORDER + ",\"side\":\"HOLD\",\"quantity\":10}"), DecodeFailure.UNKNOWN_SIDE, "side"),
                bad("lower-case side", frame(ORDER + ",\"side\":\"buy\",\"quantity\":10}"), DecodeFailure.UNKNOWN_SIDE, "side"),
                bad("sentiment above 100", frame(NEWS + ",\"sentiment\":101}"), DecodeFailure.OUT_OF_RANGE, "sentiment"),
                bad("negative sentiment", frame(NEWS + ",\"sentiment\":-1}"), DecodeFailure.OUT_OF_RANGE, "sentiment"),
                bad("replay with a negative fromSeq", frame("{\"type\":\"replay\",\"fromSeq\":-1,\"session\":3}"),
                        DecodeFailure.OUT_OF_RANGE, "fromSeq"),
                bad("price with 9 decimals", frame(PRICE.replace("187.25", "187.250000001") + "}"), DecodeFailure.OUT_OF_RANGE, "bid"),
                bad("negative price", frame(PRICE.replace("187.25", "-187.25") + "}"), DecodeFailure.OUT_OF_RANGE, "bid"),
                bad("ask below bid", frame(PRICE.replace("187.27", "187.2") + "}"), DecodeFailure.OUT_OF_RANGE, "ask"),
                bad("seq 0 on a data message", frame(PRICE.replace("\"seq\":1", "\"seq\":0") + "}"), DecodeFailure.OUT_OF_RANGE, "seq"),
                bad("symbol longer than 16", frame(PRICE.replace("AAPL", "ABCDEFGHIJKLMNOPQ") + "}"), DecodeFailure.INVALID_SYMBOL, "symbol"),
                bad("symbol with a space", frame(PRICE.replace("AAPL", "AA PL") + "}"), DecodeFailure.INVALID_SYMBOL, "symbol"),
                bad("clientOrderId of 65 characters", frame(ORDER.replace("s1-42", "x".repeat(65)) + ",\"side\":\"BUY\",\"quantity\":1}"),
                        DecodeFailure.INVALID_CLIENT_ORDER_ID, "clientOrderId"),
                bad("cancel with an empty clientOrderId", frame(CANCEL.replace("s1-42", "") + "}"),
                        DecodeFailure.INVALID_CLIENT_ORDER_ID, "clientOrderId"),
                bad("cancel with a clientOrderId of 65 characters", frame(CANCEL.replace("s1-42", "x".repeat(65)) + "}"),
                        DecodeFailure.INVALID_CLIENT_ORDER_ID, "clientOrderId"),
                bad("cancel with a control character in its clientOrderId", frame(CANCEL.replace("s1-42", "s1\\u0007") + "}"),
                        DecodeFailure.INVALID_CLIENT_ORDER_ID, "clientOrderId"),
                bad("cancel with an empty strategyId", frame(CANCEL.replace("\"s1\"", "\"\"") + "}"),
                        DecodeFailure.INVALID_STRATEGY_ID, "strategyId"),
                bad("empty strategyId", frame("{\"type\":\"logon\",\"strategyId\":\"\"}"), DecodeFailure.INVALID_STRATEGY_ID, "strategyId"),
                bad("unknown execution status", frame("{\"type\":\"execution\",\"clientOrderId\":\"a\",\"orderId\":1,"
                        + "\"status\":\"PARTIAL\",\"filledQuantity\":0,\"ts\":1}"), DecodeFailure.UNKNOWN_STATUS, "status"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("badFrames")
    void shouldRejectBadFrameWithItsExactReason(String name, byte[] frame, DecodeFailure reason, String field) {
        Decoded decoded = new MessageCodec(MAX).decodeFrame(frame);

        assertThat(decoded).isInstanceOf(DecodeError.class);
        DecodeError error = (DecodeError) decoded;
        assertThat(error.reason()).as(error.toString()).isEqualTo(reason);
        assertThat(error.field()).as(error.toString()).isEqualTo(field);
        assertThat(error.detail()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("badFrames")
    void shouldRejectBadFrameFromAStreamWithItsExactReason(String name, byte[] frame, DecodeFailure reason, String field)
            throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(frame), new MessageCodec(MAX));

        Decoded decoded = reader.read();

        assertThat(decoded).isInstanceOf(DecodeError.class);
        assertThat(((DecodeError) decoded).reason()).as(decoded.toString()).isEqualTo(reason);
    }

    /** The same codec, so the same parser, first fed the bad frame and then a good one. */
    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("badFrames")
    void shouldKeepDecodingGoodFramesAfterABadOne(String name, byte[] frame, DecodeFailure reason, String field) {
        MessageCodec codec = new MessageCodec(MAX);
        codec.decodeFrame(frame);

        assertThat(codec.decodeFrame(frame(PRICE + "}"))).isEqualTo(
                new PriceTick(7, 1, "AAPL", 18_725_000_000L, 18_727_000_000L, 1_700_000_000_000_000_000L));
    }

    @org.junit.jupiter.api.Test
    void shouldCarryTheClientOrderIdOfAnOrderWithABadValue() {
        DecodeError error = (DecodeError) new MessageCodec().decodeFrame(frame(ORDER + ",\"side\":\"HOLD\",\"quantity\":10}"));

        assertThat(error.isProtocolViolation()).isFalse();
        assertThat(error.clientOrderId()).isEqualTo("s1-42");
        assertThat(error.type()).isEqualTo(MessageType.ORDER);
    }

    @org.junit.jupiter.api.Test
    void shouldCarryTheClientOrderIdOfACancelWithABadStrategyId() {
        DecodeError error = (DecodeError) new MessageCodec().decodeFrame(frame(CANCEL.replace("\"s1\"", "\"\"") + "}"));

        assertThat(error.isProtocolViolation()).isFalse();
        assertThat(error.clientOrderId()).isEqualTo("s1-42");
        assertThat(error.type()).isEqualTo(MessageType.CANCEL);
    }

    @org.junit.jupiter.api.Test
    void shouldDecodeACancelAndIgnoreUnknownFields() {
        assertThat(new MessageCodec().decodeFrame(frame(CANCEL + ",\"symbol\":7,\"reason\":\"late\"}")))
                .isEqualTo(new Cancel("s1-42", "s1"));
    }

    @org.junit.jupiter.api.Test
    void shouldTreatSyntaxAndSchemaFailuresAsProtocolViolations() {
        DecodeError error = (DecodeError) new MessageCodec().decodeFrame(frame("{\"type\":\"order\"}"));

        assertThat(error.isProtocolViolation()).isTrue();
        assertThat(error.toErrorFrame().reason()).isEqualTo("MISSING_FIELD");
    }

    private static Arguments bad(String name, byte[] frame, DecodeFailure reason, String field) {
        return Arguments.of(name, frame, reason, field);
    }

    static byte[] frame(String json) {
        return frame(utf8(json));
    }

    static byte[] frame(byte[] payload) {
        return concat(header(payload.length), payload);
    }

    static byte[] header(int length) {
        byte[] header = new byte[Framing.HEADER_LENGTH];
        Framing.writeLength(length, header, 0);
        return header;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
