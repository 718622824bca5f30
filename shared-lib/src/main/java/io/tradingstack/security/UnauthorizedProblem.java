package io.tradingstack.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * The answer to a request without valid credentials: 401, an RFC 9457 problem detail that says
 * what was missing or wrong, and the {@code WWW-Authenticate} challenge; counted in
 * {@code trading.http.auth.failures{reason=missing|bad}}. Nothing is logged per request: a
 * scanner must not fill the log.
 */
final class UnauthorizedProblem implements AuthenticationEntryPoint {

    static final String REALM = "trading-stack";

    private static final JsonFactory JSON = new JsonFactory();

    private final Counter missing;
    private final Counter bad;

    UnauthorizedProblem(MeterRegistry registry) {
        this.missing = counter(registry, "missing");
        this.bad = counter(registry, "bad");
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder(TradingMetric.HTTP_AUTH_FAILURES.metricName())
            .description(TradingMetric.HTTP_AUTH_FAILURES.description())
            .tag(TradingMetric.Tags.REASON, reason)
            .register(registry);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        (presented ? bad : missing).increment();
        String detail = presented ? "the operator name or password is wrong"
            : request.getMethod() + " needs an operator's credentials (HTTP basic; see trading.security.operators)";
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // jackson-core only: shared-lib does not bind objects, and a problem detail is five fields.
        try (JsonGenerator json = JSON.createGenerator(response.getOutputStream())) {
            json.writeStartObject();
            json.writeStringProperty("type", "about:blank");
            json.writeStringProperty("title", "Unauthorized");
            json.writeNumberProperty("status", HttpStatus.UNAUTHORIZED.value());
            json.writeStringProperty("detail", detail);
            json.writeStringProperty("instance", request.getRequestURI());
            json.writeEndObject();
        }
    }
}
