package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every message type survives encode → frame → decode unchanged, 1,000 tries per type, all
 * through one codec (one long-lived parser and generator); and the codec agrees with Jackson 3
 * data binding, an independent reader and writer, in both directions.
 */
class MessageRoundTripProperties {

    private static final JsonMapper JACKSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private final MessageCodec codec = new MessageCodec();

    @Property(tries = 1000)
    void priceTicksRoundTrip(@ForAll("priceTicks") PriceTick tick) {
        assertRoundTrip(tick);
    }

    @Property(tries = 1000)
    void newsTicksRoundTrip(@ForAll("newsTicks") NewsTick tick) {
        assertRoundTrip(tick);
    }

    @Property(tries = 1000)
    void heartbeatsRoundTrip(@ForAll("heartbeats") Heartbeat heartbeat) {
        assertRoundTrip(heartbeat);
    }

    @Property(tries = 1000)
    void replayRequestsRoundTrip(@ForAll("replayRequests") ReplayRequest request) {
        assertRoundTrip(request);
    }

    @Property(tries = 1000)
    void resetsRoundTrip(@ForAll("resets") Reset reset) {
        assertRoundTrip(reset);
    }

    @Property(tries = 1000)
    void logonsRoundTrip(@ForAll("logons") Logon logon) {
        assertRoundTrip(logon);
    }

    @Property(tries = 1000)
    void ordersRoundTrip(@ForAll("orders") Order order) {
        assertRoundTrip(order);
    }

    @Property(tries = 1000)
    void cancelsRoundTrip(@ForAll("cancels") Cancel cancel) {
        assertRoundTrip(cancel);
    }

    @Property(tries = 1000)
    void executionsRoundTrip(@ForAll("executions") Execution execution) {
        assertRoundTrip(execution);
    }

    @Property(tries = 1000)
    void errorFramesRoundTrip(@ForAll("errorFrames") ErrorFrame error) {
        assertRoundTrip(error);
    }

    /**
     * Jackson 3 writes the same message its own way — fields shuffled, pretty-printed, prices
     * as BigDecimal (often in exponent form), unknown fields added — and the codec still decodes it.
     */
    @Property(tries = 1000)
    void decodesWhatJacksonWrites(@ForAll("anyMessage") Message message, @ForAll long seed) {
        ObjectNode original = (ObjectNode) JACKSON.readTree(codec.toPayload(message));
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(original.properties());
        Random random = new Random(seed);
        Collections.shuffle(fields, random);
        ObjectNode rewritten = JACKSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : fields) {
            JsonNode value = field.getValue();
            if (value.isBigDecimal() && random.nextBoolean()) {
                value = rewritten.numberNode(value.decimalValue().round(java.math.MathContext.UNLIMITED).scaleByPowerOfTen(2)
                        .multiply(BigDecimal.valueOf(1, 2)));
            }
            rewritten.set(field.getKey(), value);
            if (random.nextInt(4) == 0) {
                rewritten.putObject("x-unknown-" + random.nextInt(1000)).putArray("nested").add(1.5).add("text").addNull();
            }
        }
        byte[] json = random.nextBoolean()
                ? JACKSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(rewritten)
                : JACKSON.writeValueAsBytes(rewritten);
        assertThat(codec.decode(json)).isEqualTo(message);
    }

    @Provide
    Arbitrary<PriceTick> priceTicks() {
        return MessageArbitraries.priceTicks();
    }

    @Provide
    Arbitrary<NewsTick> newsTicks() {
        return MessageArbitraries.newsTicks();
    }

    @Provide
    Arbitrary<Heartbeat> heartbeats() {
        return MessageArbitraries.heartbeats();
    }

    @Provide
    Arbitrary<ReplayRequest> replayRequests() {
        return MessageArbitraries.replayRequests();
    }

    @Provide
    Arbitrary<Reset> resets() {
        return MessageArbitraries.resets();
    }

    @Provide
    Arbitrary<Logon> logons() {
        return MessageArbitraries.logons();
    }

    @Provide
    Arbitrary<Order> orders() {
        return MessageArbitraries.orders();
    }

    @Provide
    Arbitrary<Cancel> cancels() {
        return MessageArbitraries.cancels();
    }

    @Provide
    Arbitrary<Execution> executions() {
        return MessageArbitraries.executions();
    }

    @Provide
    Arbitrary<ErrorFrame> errorFrames() {
        return MessageArbitraries.errorFrames();
    }

    @Provide
    Arbitrary<Message> anyMessage() {
        return net.jqwik.api.Arbitraries.oneOf(priceTicks(), newsTicks(), heartbeats(), replayRequests(), resets(), logons(),
                orders(), cancels(), executions(), errorFrames());
    }

    private void assertRoundTrip(Message message) {
        byte[] frame = codec.toFrame(message);
        assertThat(Framing.readLength(frame, 0)).isEqualTo(frame.length - Framing.HEADER_LENGTH);
        assertThat(codec.decodeFrame(frame)).isEqualTo(message);
        assertJacksonReadsSameValues(message, java.util.Arrays.copyOfRange(frame, Framing.HEADER_LENGTH, frame.length));
    }

    /** The payload is JSON to a standard parser, with the same values, exactly. */
    private static void assertJacksonReadsSameValues(Message message, byte[] payload) {
        JsonNode json = JACKSON.readTree(payload);
        assertThat(json.isObject()).isTrue();
        assertThat(json.get("type").asString()).isEqualTo(message.type().wireName());
        if (message instanceof PriceTick tick) {
            assertThat(json.get("session").bigIntegerValue().longValueExact()).isEqualTo(tick.session());
            assertThat(json.get("seq").bigIntegerValue().longValueExact()).isEqualTo(tick.seq());
            assertThat(json.get("symbol").asString()).isEqualTo(tick.symbol());
            assertThat(json.get("bid").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(tick.bid(), Prices.DECIMALS));
            assertThat(json.get("ask").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(tick.ask(), Prices.DECIMALS));
            assertThat(json.get("ts").bigIntegerValue().longValueExact()).isEqualTo(tick.ts());
        } else if (message instanceof NewsTick news) {
            assertThat(json.get("headline").asString()).isEqualTo(news.headline());
            assertThat(json.get("sentiment").intValue()).isEqualTo(news.sentiment());
        } else if (message instanceof Order order) {
            assertThat(json.get("clientOrderId").asString()).isEqualTo(order.clientOrderId());
            assertThat(json.get("side").asString()).isEqualTo(order.side().name());
            assertThat(json.has("limitPrice")).isEqualTo(order.hasLimitPrice());
        } else if (message instanceof Cancel cancel) {
            assertThat(json.get("clientOrderId").asString()).isEqualTo(cancel.clientOrderId());
            assertThat(json.get("strategyId").asString()).isEqualTo(cancel.strategyId());
        } else if (message instanceof Execution execution) {
            assertThat(json.get("status").asString()).isEqualTo(execution.status().name());
            assertThat(json.has("price")).isEqualTo(execution.isFilled());
            assertThat(json.has("reason")).isEqualTo(!execution.isFilled());
        } else if (message instanceof ErrorFrame error) {
            assertThat(json.get("reason").asString()).isEqualTo(error.reason());
        }
        json.properties().forEach(field -> assertThat(field.getValue().isNull()).as("no nulls on the wire").isFalse());
    }
}
