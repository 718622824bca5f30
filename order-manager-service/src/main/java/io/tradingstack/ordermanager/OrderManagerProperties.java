package io.tradingstack.ordermanager;

import io.tradingstack.journal.FlushPolicy;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Symbols;
import io.tradingstack.tls.ServerTlsProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code trading.order-manager.*}: the order server, the validation and risk limits, the
 * strategies' tokens and the journal. Validated at start-up; every violation is reported at once.
 *
 * @param server     the TCP order server
 * @param validation what a well-formed order must satisfy before risk is asked
 * @param risk       the limits of the whole book of orders
 * @param tokens     strategyId → token; when any is configured, every connection must log on
 *                   first with a matching pair. Empty: no logon required
 * @param journal    the file every decided order is written to before it is answered
 */
@ConfigurationProperties("trading.order-manager")
@Validated
public record OrderManagerProperties(@Valid @DefaultValue Server server, @Valid @DefaultValue Validation validation,
        @Valid @DefaultValue Risk risk, Map<String, String> tokens, @Valid @DefaultValue JournalFile journal) {

    /** Identifiers (strategy ids) are 1–64 printable ASCII characters, as on the wire. */
    private static final int MAX_ID_LENGTH = 64;

    public OrderManagerProperties {
        tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
    }

    /** True when a connection must send a {@code logon} with a configured token before anything else. */
    public boolean logonRequired() {
        return !tokens.isEmpty();
    }

    @AssertTrue(message = "tokens: every strategy id must be 1-64 printable ASCII characters and every token non-empty")
    public boolean isTokensValid() {
        return tokens.entrySet().stream()
            .allMatch(token -> isIdentifier(token.getKey()) && token.getValue() != null && !token.getValue().isEmpty());
    }

    private static boolean isIdentifier(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_ID_LENGTH && id.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    /**
     * @param bindAddress    the interface the order server listens on; loopback unless configured
     * @param orderPort      order TCP port; 0 picks a free one
     * @param maxFrameLength largest frame payload read or written; at least 512, so that every
     *                       execution the order manager can owe fits
     * @param maxConnections connections accepted at once; the next gets {@code TOO_MANY_CONNECTIONS} and is closed
     * @param readTimeout    a frame started and not finished within this closes its connection; an idle
     *                       connection (between frames) may stay open for ever
     * @param answerWriteTimeout an execution whose write blocks this long (the strategy stopped reading
     *                       and the socket buffers are full) cuts its connection, so that it does not
     *                       hold the answers of every other connection; its orders stay stored, and a
     *                       resend after the reconnect gets their executions
     * @param tls            TLS on the order port: the SSL bundle with the order manager's key and
     *                       certificate ({@code bundle}; empty, the default, keeps it plaintext) and
     *                       whether strategies must present a certificate the bundle trusts ({@code client-auth: need})
     */
    public record Server(@NotBlank @DefaultValue("127.0.0.1") String bindAddress,
            @Min(0) @Max(65_535) @DefaultValue("8002") int orderPort,
            @Min(Framing.SMALLEST_ORDER_FRAME_LENGTH) @Max(Framing.LARGEST_MAX_FRAME_LENGTH) @DefaultValue("65536")
            int maxFrameLength,
            @Min(1) @DefaultValue("100") int maxConnections,
            @NotNull @DurationMin(millis = 1) @DefaultValue("10s") Duration readTimeout,
            @NotNull @DurationMin(millis = 10) @DefaultValue("1s") Duration answerWriteTimeout,
            @NotNull @Valid @DefaultValue @NestedConfigurationProperty ServerTlsProperties tls) {
    }

    /**
     * @param symbols     the symbols traded; an order for any other is {@code UNKNOWN_SYMBOL}
     * @param maxQuantity the largest quantity of one order; 1..maxQuantity is valid
     * @param collar      a limit price further than this fraction of the mid from the mid is
     *                    {@code LIMIT_OUTSIDE_COLLAR}; 0.05 is 5 %, at most 6 decimals
     */
    public record Validation(@NotEmpty @DefaultValue({"AAPL", "MSFT", "GOOGL"}) List<String> symbols,
            @Min(1) @DefaultValue("10000") long maxQuantity,
            @NotNull @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.05") BigDecimal collar) {

        /** Parts per million of the mid. */
        public static final long PPM = 1_000_000L;

        /** The collar in parts per million of the mid: 0.05 is 50,000. */
        public long collarPpm() {
            return collar.movePointRight(6).longValueExact();
        }

        @AssertTrue(message = "symbols must be distinct, 1-16 printable ASCII characters without space, quote or backslash")
        public boolean isSymbolsValid() {
            return symbols == null
                || (symbols.stream().allMatch(Symbols::isValid) && new HashSet<>(symbols).size() == symbols.size());
        }

        @AssertTrue(message = "collar takes at most 6 decimals (parts per million)")
        public boolean isCollarPpm() {
            return collar == null || collar.stripTrailingZeros().scale() <= 6;
        }
    }

    /**
     * @param maxPosition        the largest absolute net position per symbol, over all strategies
     * @param maxGrossNotional   the largest sum over symbols of |position| × price, in currency
     *                           units; at most 8 decimals
     * @param maxOrdersPerSecond orders per strategy in any sliding second that reach the risk checks
     */
    public record Risk(@Min(1) @DefaultValue("50000") long maxPosition,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DefaultValue("10000000") BigDecimal maxGrossNotional,
            @Min(1) @Max(1_000_000) @DefaultValue("100") int maxOrdersPerSecond) {

        /** The notional limit in fixed point (currency × 10^8). */
        public long maxGrossNotionalFixedPoint() {
            return maxGrossNotional.movePointRight(Prices.DECIMALS).longValueExact();
        }

        @AssertTrue(message = "max-gross-notional takes at most 8 decimals and must be below 92,233,720,368")
        public boolean isMaxGrossNotionalFixedPoint() {
            if (maxGrossNotional == null) {
                return true;
            }
            try {
                maxGrossNotionalFixedPoint();
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }
    }

    /**
     * @param path        the journal file, its directories created when missing; default
     *                    {@code ${java.io.tmpdir}/trading-stack/journal/orders.journal}. Put it on a
     *                    volume that outlives the process (and, for BATCH or RECORD, the machine)
     * @param flushPolicy what a commit waits for before its orders are answered: PAGE_CACHE (the
     *                    write only), BATCH (one fsync per batch of orders that arrived together)
     *                    or RECORD (one fsync per order)
     * @param orderIdBlock order ids reserved by one journal record, ahead of use: one reservation
     *                    per block of orders, a restart skips at most two blocks of ids, and after a
     *                    journal failure at least one block (less the failing batch) is left for the
     *                    rejections that still need an id
     */
    public record JournalFile(Path path, @NotNull @DefaultValue("BATCH") FlushPolicy flushPolicy,
            @Min(1) @Max(1_000_000_000) @DefaultValue("1000") long orderIdBlock) {

        public JournalFile {
            if (path == null) {
                path = Path.of(System.getProperty("java.io.tmpdir"), "trading-stack", "journal", "orders.journal");
            }
        }
    }
}
