package io.tradingstack.strategy;

import io.tradingstack.feed.FeedSubscription;
import io.tradingstack.protocol.Framing;
import io.tradingstack.strategy.signal.StrategyDefinition;
import io.tradingstack.tls.ClientTlsProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code trading.strategy.*}: where the news feed and the order manager are, how long an order
 * may take, how often mids are sampled, and which strategies run. Validated at start-up; every
 * violation is reported at once.
 *
 * @param gateway        the gateway's news feed
 * @param feed           the news subscriber's timing and limits
 * @param orderManager   the order manager's order port and the order client's timing
 * @param sampleInterval how often the engine samples every traded symbol's mid from the price book
 * @param strategies     the strategies that run side by side, each with its own id; default one
 *                       reference strategy {@code momentum-1} on AAPL, MSFT and GOOGL
 * @param dropCopy       a file every order outcome is appended to, one CSV line each, as the
 *                       strategy saw it (the trader's drop copy); "" for none
 * @param tokens         logon tokens by strategy id, apart from the strategy definitions so that
 *                       they can come from a secrets directory (one file per key, see the
 *                       docs/security.md, Secrets) or the environment while the strategies are
 *                       configured elsewhere; a strategy may have its token here or in its
 *                       definition, not in both; never logged
 */
@ConfigurationProperties("trading.strategy")
@Validated
public record StrategyProperties(@Valid @DefaultValue Gateway gateway, @Valid @DefaultValue FeedSubscription feed,
        @Valid @DefaultValue OrderManager orderManager,
        @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) @DefaultValue("100ms") Duration sampleInterval,
        @NotEmpty @Valid List<StrategyDefinition> strategies, @DefaultValue("") String dropCopy,
        Map<String, String> tokens) {

    /** The id of the strategy that runs when none is configured. */
    public static final String DEFAULT_STRATEGY_ID = "momentum-1";

    public StrategyProperties {
        if (strategies == null || strategies.isEmpty()) {
            strategies = List.of(StrategyDefinition.reference(DEFAULT_STRATEGY_ID));
        }
        dropCopy = dropCopy == null ? "" : dropCopy.strip();
        tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
    }

    @AssertTrue(message = "tokens must name configured strategies, each with its token here or in its definition, not both")
    public boolean isTokensForConfiguredStrategies() {
        for (String id : tokens.keySet()) {
            StrategyDefinition strategy = strategies.stream().filter(s -> s != null && id.equals(s.id())).findFirst()
                .orElse(null);
            if (strategy == null || !strategy.token().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The logon token of a strategy: from {@code tokens}, else its definition's; "" for none. */
    public String tokenOf(StrategyDefinition strategy) {
        return tokens.getOrDefault(strategy.id(), strategy.token());
    }

    @Override
    public String toString() {
        // Tokens are secrets: never in a log line or an error message.
        return "StrategyProperties[gateway=" + gateway + ", feed=" + feed + ", orderManager=" + orderManager
            + ", sampleInterval=" + sampleInterval + ", strategies=" + strategies + ", dropCopy=" + dropCopy
            + ", tokens=" + tokens.keySet() + "]";
    }

    @AssertTrue(message = "strategy ids must be unique")
    public boolean isStrategyIdsUnique() {
        Set<String> ids = new HashSet<>();
        return strategies.stream().allMatch(strategy -> strategy == null || strategy.id() == null || ids.add(strategy.id()));
    }

    /** Every symbol some strategy trades, in first-configured order. */
    public List<String> symbols() {
        return strategies.stream().flatMap(strategy -> strategy.symbols().stream()).distinct().toList();
    }

    /**
     * @param host     where the gateway listens
     * @param newsPort its news feed port
     * @param tls      TLS to the news feed: the SSL bundle whose trust verifies the gateway
     *                 ({@code bundle}; empty, the default, connects in plaintext)
     */
    public record Gateway(@NotBlank @DefaultValue("127.0.0.1") String host,
            @Min(1) @Max(65_535) @DefaultValue("8001") int newsPort,
            @NotNull @Valid @DefaultValue ClientTlsProperties tls) {
    }

    /**
     * @param host           where the order manager listens
     * @param port           its order port
     * @param replyTimeout   an attempt without an execution in this time is resent, same
     *                       clientOrderId, on a new connection
     * @param expiry         an order still unanswered this long after the strategy decided on it
     *                       is given up: logged, counted as expired, the position left unchanged
     *                       until the {@code cancel} then sent for it is answered
     * @param connectTimeout one TCP connect attempt, rounded up to whole seconds
     * @param backoffInitial wait after a failed connect or a closed connection before the next
     *                       (the first retry goes at once)
     * @param backoffMax     the wait doubles per failure up to this
     * @param maxFrameLength the largest frame payload accepted from the order manager, at least 512
     * @param tls            TLS to the order port: the SSL bundle whose trust verifies the order manager
     *                       and whose key, when it has one, is the strategy's client certificate for an
     *                       order port that requires one ({@code bundle}; empty, the default, is plaintext)
     */
    public record OrderManager(@NotBlank @DefaultValue("127.0.0.1") String host,
            @Min(1) @Max(65_535) @DefaultValue("8002") int port,
            @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) @DefaultValue("2s") Duration replyTimeout,
            @NotNull @DurationMin(millis = 1) @DurationMax(hours = 24) @DefaultValue("10s") Duration expiry,
            @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) @DefaultValue("2s") Duration connectTimeout,
            @NotNull @DurationMin(millis = 1) @DefaultValue("100ms") Duration backoffInitial,
            @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) @DefaultValue("2s") Duration backoffMax,
            @NotNull @DefaultValue("64KB") DataSize maxFrameLength,
            @NotNull @Valid @DefaultValue ClientTlsProperties tls) {

        @AssertTrue(message = "must not be below reply-timeout")
        public boolean isExpiryAtLeastReplyTimeout() {
            return replyTimeout == null || expiry == null || expiry.compareTo(replyTimeout) >= 0;
        }

        @AssertTrue(message = "must not be below backoff-initial")
        public boolean isBackoffMaxAtLeastInitial() {
            return backoffInitial == null || backoffMax == null || backoffMax.compareTo(backoffInitial) >= 0;
        }

        @AssertTrue(message = "max-frame-length must be " + Framing.SMALLEST_ORDER_FRAME_LENGTH + "B.." + Framing.LARGEST_MAX_FRAME_LENGTH + "B")
        public boolean isMaxFrameLengthInRange() {
            // Every execution the order manager can owe must fit, or its answer would close the connection.
            return maxFrameLength == null || (maxFrameLength.toBytes() >= Framing.SMALLEST_ORDER_FRAME_LENGTH
                && maxFrameLength.toBytes() <= Framing.LARGEST_MAX_FRAME_LENGTH);
        }

        /** {@link #connectTimeout} in the whole seconds Spring Integration's client factory takes, rounded up. */
        public int connectTimeoutSeconds() {
            long millis = connectTimeout.toMillis();
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
        }
    }

    private static boolean isFrameLengthInRange(DataSize size) {
        return size == null || (size.toBytes() >= 1 && size.toBytes() <= Framing.LARGEST_MAX_FRAME_LENGTH);
    }
}
