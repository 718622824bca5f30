package io.tradingstack.protocol;

/**
 * {@code logon}: strategy → order manager, first frame when tokens are configured.
 *
 * @param token the strategy's secret, "" when absent
 */
public record Logon(String strategyId, String token) implements Message {
    @Override
    public MessageType type() {
        return MessageType.LOGON;
    }

    @Override
    public String toString() {
        // The token is a secret: never in a log line.
        return "Logon[strategyId=" + strategyId + ", token=" + (token.isEmpty() ? "" : "***") + "]";
    }
}
