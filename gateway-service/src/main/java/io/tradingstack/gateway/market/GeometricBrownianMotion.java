package io.tradingstack.gateway.market;

import java.util.Random;

/**
 * One symbol's price path: S(t + dt) = S(t) · exp((μ − σ²/2) dt + σ √dt Z), Z standard normal,
 * the exact solution of dS = μ S dt + σ S dW over one step. The price stays positive; the same
 * seed gives the same path ({@link Random#nextGaussian()} is specified exactly, so the path is
 * the same on every JVM).
 *
 * <p>Doubles are fine here: this is the model, not money. {@link Quoter} turns the price into
 * fixed-point bid and ask at the edge. The price is held between {@link #MIN_PRICE} (the
 * smallest fixed-point price) and {@link #MAX_PRICE}: with absurd parameters a double would
 * otherwise underflow to 0 and stay there, or overflow; realistic paths never get near either.
 */
final class GeometricBrownianMotion {

    static final double SECONDS_PER_YEAR = 365.25 * 24 * 60 * 60;

    static final double MIN_PRICE = 1e-8;
    static final double MAX_PRICE = 1e10;

    private final Random random;
    private final double driftPerStep;
    private final double diffusionPerStep;
    private double price;

    /**
     * @param initialPrice S(0), positive
     * @param drift        μ per year
     * @param volatility   σ per square root of a year, not negative
     * @param stepYears    dt in years, positive
     * @param seed         the path's seed
     */
    GeometricBrownianMotion(double initialPrice, double drift, double volatility, double stepYears, long seed) {
        if (!(initialPrice > 0) || !(volatility >= 0) || !(stepYears > 0) || !Double.isFinite(drift)
                || Double.isInfinite(initialPrice) || Double.isInfinite(volatility) || Double.isInfinite(stepYears)) {
            throw new IllegalArgumentException("initialPrice=" + initialPrice + ", drift=" + drift + ", volatility="
                    + volatility + ", stepYears=" + stepYears + ": price and step must be positive, volatility >= 0");
        }
        this.random = new Random(seed);
        this.driftPerStep = (drift - 0.5 * volatility * volatility) * stepYears;
        this.diffusionPerStep = volatility * Math.sqrt(stepYears);
        this.price = initialPrice;
    }

    double price() {
        return price;
    }

    /** Moves one step and returns the new price. */
    double next() {
        double next = price * Math.exp(driftPerStep + diffusionPerStep * random.nextGaussian());
        price = Math.min(Math.max(next, MIN_PRICE), MAX_PRICE);
        return price;
    }
}
