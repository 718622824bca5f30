package io.tradingstack.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The operator every service's tests configure ({@code src/test/resources/config/application.yml}):
 * its HTTP basic header reads health details and switches the kill switch.
 */
public final class TestOperator {

    public static final String NAME = "tests";
    public static final String PASSWORD = "tests-operator-password-0123";
    /** The {@code Authorization} header value. */
    public static final String BASIC = basic(NAME, PASSWORD);

    private TestOperator() {
    }

    /** An {@code Authorization: Basic} value for any name and password, right or wrong. */
    public static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
