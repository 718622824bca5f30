package io.tradingstack.security;

import jakarta.validation.constraints.AssertTrue;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operators who may write over a service's HTTP port (the order manager's kill switch, any
 * later write): {@code trading.security.operators.<name>=<password>}, checked with HTTP basic.
 * None by default, and then every write is refused 401: a service nobody configured is one
 * nobody can change over HTTP. Passwords come from the environment or the secrets directory
 * ({@code configtree:}), never the command line.
 *
 * @param operators each operator's name and password
 */
@Validated
@ConfigurationProperties("trading.security")
public record OperatorProperties(@DefaultValue Map<String, String> operators) {

    /** Shorter passwords are refused at start: a guessable one protects nothing. */
    public static final int MIN_PASSWORD_LENGTH = 16;

    public OperatorProperties {
        operators = Map.copyOf(operators);
    }

    @AssertTrue(message = "every operator name is 1-64 printable ASCII characters without ':', and every password at least "
        + MIN_PASSWORD_LENGTH + " characters")
    public boolean isEveryOperatorWellFormed() {
        return operators.entrySet().stream().allMatch(operator -> isName(operator.getKey())
            && operator.getValue() != null && operator.getValue().length() >= MIN_PASSWORD_LENGTH);
    }

    private static boolean isName(String name) {
        return !name.isEmpty() && name.length() <= 64 && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':');
    }

    /** Names only: a password never reaches a log or a failure message. */
    @Override
    public String toString() {
        return "OperatorProperties[operators=" + operators.keySet().stream().sorted()
            .collect(Collectors.joining(", ", "[", "]")) + " (passwords masked)]";
    }
}
