package io.tradingstack.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * What a service's OpenAPI description ({@code /v3/api-docs}) must be to its controllers: every
 * mapped method and path described, nothing described that is not mapped, every response with an
 * example, and every write naming a security scheme the description defines. A service's test
 * collects its own mappings ("GET /api/orders/{clientOrderId}") from Spring MVC and hands them
 * over with the description. Shared with the services' tests through shared-lib's test jar.
 */
public final class OpenApiContract {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private OpenApiContract() {
    }

    /**
     * The operations a service's own controllers map, as "METHOD /path": the handler methods of
     * {@code io.tradingstack} beans, not Spring's error page or springdoc's endpoints.
     */
    public static Set<String> ownOperations(RequestMappingHandlerMapping mappings) {
        Set<String> operations = new TreeSet<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("io.tradingstack")) {
                info.getMethodsCondition().getMethods().forEach(method -> info.getPatternValues()
                    .forEach(path -> operations.add(method.name() + " " + path)));
            }
        });
        return operations;
    }

    /** The operations a description holds, as "METHOD /path". */
    public static Set<String> operations(JsonNode apiDocs) {
        Set<String> operations = new TreeSet<>();
        forEachOperation(apiDocs, (name, operation) -> operations.add(name));
        return operations;
    }

    /** Fails naming each mapped operation left undescribed and each described one no controller maps. */
    public static void assertDescribesExactly(Set<String> mapped, JsonNode apiDocs) {
        Set<String> described = operations(apiDocs);
        Set<String> undescribed = new TreeSet<>(mapped);
        undescribed.removeAll(described);
        Set<String> unmapped = new TreeSet<>(described);
        unmapped.removeAll(mapped);
        assertThat(mapped).as("mapped operations").isNotEmpty();
        assertThat(undescribed).as("mapped by a controller but not in /v3/api-docs").isEmpty();
        assertThat(unmapped).as("in /v3/api-docs but mapped by no controller").isEmpty();
    }

    /** Fails naming every response (any status) of every operation that has no example. */
    public static void assertEveryResponseHasAnExample(JsonNode apiDocs) {
        List<String> missing = new ArrayList<>();
        forEachOperation(apiDocs, (name, operation) -> {
            if (operation.path("responses").isEmpty()) {
                missing.add(name + ": no response described");
            }
            operation.path("responses").properties().forEach(response -> {
                if (!hasExample(response.getValue().path("content"))) {
                    missing.add(name + " " + response.getKey());
                }
            });
        });
        assertThat(missing).as("responses without an example").isEmpty();
    }

    /** Fails naming every operation other than a GET that names no security scheme of the description. */
    public static void assertEveryWriteNeedsCredentials(JsonNode apiDocs) {
        Set<String> schemes = new TreeSet<>(apiDocs.path("components").path("securitySchemes").propertyNames());
        List<String> open = new ArrayList<>();
        forEachOperation(apiDocs, (name, operation) -> {
            if (name.startsWith("GET ")) {
                return;
            }
            boolean secured = false;
            for (JsonNode requirement : operation.path("security")) {
                secured |= requirement.propertyNames().stream().anyMatch(schemes::contains);
            }
            if (!secured) {
                open.add(name);
            }
        });
        assertThat(open).as("writes without a security requirement (schemes defined: " + schemes + ")").isEmpty();
    }

    private static boolean hasExample(JsonNode content) {
        for (JsonNode mediaType : content) {
            if (!mediaType.path("examples").isEmpty() || mediaType.has("example")) {
                return true;
            }
        }
        return false;
    }

    private interface OperationVisitor {
        void visit(String name, JsonNode operation);
    }

    private static void forEachOperation(JsonNode apiDocs, OperationVisitor visitor) {
        apiDocs.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (METHODS.contains(operation.getKey())) {
                visitor.visit(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), operation.getValue());
            }
        }));
    }
}
