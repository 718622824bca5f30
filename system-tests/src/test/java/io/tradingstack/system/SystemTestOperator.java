package io.tradingstack.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The operator every service started by these tests knows, from its environment as a deployment
 * would give it: the tests read health details (shown to an authenticated caller only) and switch
 * the kill switch with it.
 */
final class SystemTestOperator {

    static final String NAME = "systemtests";
    static final String PASSWORD = "system-tests-operator-password";
    /** Spring Boot binds it to {@code trading.security.operators.systemtests}. */
    static final String ENVIRONMENT_VARIABLE = "TRADING_SECURITY_OPERATORS_SYSTEMTESTS";
    /** The {@code Authorization} header value. */
    static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString((NAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private SystemTestOperator() {
    }
}
