package io.tradingstack.strategy.signal;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationPropertiesSource;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One entry of {@code trading.strategy.strategies[n]}: which {@link Strategy} runs, under which
 * id, on which symbols, with which settings. The reference strategy reads the typed settings;
 * a strategy of your own reads them too, or its own keys from {@link #parameters()}.
 *
 * @param id                 the {@code strategyId}: on its orders, prefix of its client order ids,
 *                           its logon; 1–32 of {@code A-Z a-z 0-9 . _ -}
 * @param type               the {@link TradingStrategy} name of the class that runs it
 * @param symbols            the symbols it trades: their mids are sampled for it and their news
 *                           delivered to it
 * @param shortWindow        mid samples in the short moving average
 * @param longWindow         mid samples in the long moving average; above {@code shortWindow}
 * @param sentimentThreshold news above it is bullish, below it bearish (0–100)
 * @param orderSize          the position it targets, long or short (shares)
 * @param token              sent in a {@code logon} first on every order connection when not
 *                           empty; never logged
 * @param parameters         free settings for strategies of your own ({@code parameters.lookback=30})
 */
@ConfigurationPropertiesSource
public record StrategyDefinition(@NotNull @Pattern(regexp = ID_PATTERN) String id,
        @NotBlank @DefaultValue(MovingAverageSentimentStrategy.TYPE) String type,
        @NotEmpty @DefaultValue({"AAPL", "MSFT", "GOOGL"}) List<@NotNull @Pattern(regexp = SYMBOL_PATTERN) String> symbols,
        @Min(1) @Max(MAX_WINDOW) @DefaultValue("5") int shortWindow,
        @Min(2) @Max(MAX_WINDOW) @DefaultValue("20") int longWindow,
        @Min(0) @Max(100) @DefaultValue("50") int sentimentThreshold,
        @Min(1) @Max(1_000_000_000L) @DefaultValue("100") long orderSize,
        @DefaultValue("") String token,
        @DefaultValue Map<String, String> parameters) {

    /** Strategy ids: short enough that a client order id stays within 64 characters. */
    public static final String ID_PATTERN = "[A-Za-z0-9._-]{1,32}";

    /** Symbols as the price book holds them: 1–16 printable ASCII, no space, quote or backslash. */
    public static final String SYMBOL_PATTERN = "[!#-\\[\\]-~]{1,16}";

    /** Largest moving-average window: a sum of this many fixed-point prices stays far from overflow. */
    public static final int MAX_WINDOW = 10_000;

    public StrategyDefinition {
        token = token == null ? "" : token;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** The reference strategy with its defaults on AAPL, MSFT and GOOGL. */
    public static StrategyDefinition reference(String id) {
        return new StrategyDefinition(id, MovingAverageSentimentStrategy.TYPE, List.of("AAPL", "MSFT", "GOOGL"), 5, 20,
            50, 100, "", Map.of());
    }

    @AssertTrue(message = "short-window must be below long-window")
    public boolean isShortWindowBelowLongWindow() {
        return shortWindow < longWindow;
    }

    @AssertTrue(message = "symbols must be unique")
    public boolean isSymbolsUnique() {
        return symbols == null || symbols.stream().distinct().count() == symbols.size();
    }

    /** A free parameter, or {@code fallback} when it is not configured. */
    public String parameter(String name, String fallback) {
        return parameters.getOrDefault(name, fallback);
    }

    @Override
    public String toString() {
        // The token is a secret: never in a log line or an error message.
        return "StrategyDefinition[id=" + id + ", type=" + type + ", symbols=" + symbols + ", shortWindow=" + shortWindow
            + ", longWindow=" + longWindow + ", sentimentThreshold=" + sentimentThreshold + ", orderSize=" + orderSize
            + ", token=" + (token.isEmpty() ? "" : "***") + ", parameters=" + parameters + "]";
    }
}
