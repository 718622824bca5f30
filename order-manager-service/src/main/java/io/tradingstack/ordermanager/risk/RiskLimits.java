package io.tradingstack.ordermanager.risk;

/**
 * @param maxPosition        largest absolute net position per symbol
 * @param maxGrossNotional   largest Σ |position| × price over symbols, fixed point
 * @param maxOrdersPerSecond orders per strategy in any sliding second
 */
public record RiskLimits(long maxPosition, long maxGrossNotional, int maxOrdersPerSecond) {

    public RiskLimits {
        if (maxPosition < 1 || maxGrossNotional < 1 || maxOrdersPerSecond < 1) {
            throw new IllegalArgumentException("maxPosition=" + maxPosition + ", maxGrossNotional=" + maxGrossNotional
                + ", maxOrdersPerSecond=" + maxOrdersPerSecond + ", each must be >= 1");
        }
    }
}
