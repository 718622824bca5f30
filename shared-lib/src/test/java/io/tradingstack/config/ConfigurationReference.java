package io.tradingstack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One module's section of {@code docs/configuration.md}, generated from the configuration metadata
 * the annotation processor wrote for it ({@code target/classes/META-INF/spring-configuration-metadata.json}):
 * every key with its type, default and meaning. Each module's {@code ConfigurationReferenceTest}
 * fails when its section differs from what the metadata gives, and rewrites it when run with
 * {@code -Dconfiguration.reference=write} ({@link #REGENERATE}). The sections sit between marker
 * lines; the text around them is written by hand.
 *
 * <p>A {@code List} of records (trading.strategy.strategies) is listed element key by element key
 * ({@code [n].id}, ...) from the record's own metadata, which the processor writes for a type marked
 * {@code @ConfigurationPropertiesSource}: it does not expand list elements itself.
 */
public final class ConfigurationReference {

    /** The command that regenerates every section, as the failure message tells it. */
    public static final String REGENERATE = "./mvnw -B -o test -pl shared-lib,gateway-service,orderbook-service,"
        + "strategy-service,order-manager-service -Dtest=ConfigurationReferenceTest"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dconfiguration.reference=write";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String module;
    private final JsonNode metadata;

    private ConfigurationReference(String module, JsonNode metadata) {
        this.module = module;
        this.metadata = metadata;
    }

    /** The section of {@code module}, from its metadata; a test runs in the module's directory. */
    public static ConfigurationReference of(String module) {
        Path file = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");
        assertThat(file).as("configuration metadata of " + module + " (spring-boot-configuration-processor)").exists();
        return new ConfigurationReference(module, JSON.readTree(file.toFile()));
    }

    /** Every key documented, and the module's section of docs/configuration.md what the metadata gives (or rewritten). */
    public void assertDocumented() throws IOException {
        List<Key> keys = keys();
        assertThat(keys.stream().filter(key -> key.meaning().isEmpty()).map(Key::name).toList())
            .as(module + ": keys without a description (an @param in the record's javadoc)").isEmpty();

        Path doc = repositoryRoot().resolve("docs").resolve("configuration.md");
        String text = Files.exists(doc) ? Files.readString(doc) : "";
        String updated = withSection(text, table(keys));
        if ("write".equals(System.getProperty("configuration.reference"))) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, updated);
            return;
        }
        if (!text.equals(updated)) {
            fail("docs/configuration.md is out of date with the configuration metadata of " + module
                + "; regenerate it with:\n  " + REGENERATE + "\n" + firstDifference(text, updated));
        }
    }

    /** The first line where the page and the metadata part, rather than both whole texts. */
    private static String firstDifference(String page, String generated) {
        List<String> pageLines = page.lines().toList();
        List<String> generatedLines = generated.lines().toList();
        int line = 0;
        while (line < pageLines.size() && line < generatedLines.size() && pageLines.get(line).equals(generatedLines.get(line))) {
            line++;
        }
        return "first difference at line " + (line + 1) + ":\n  page:     "
            + (line < pageLines.size() ? pageLines.get(line) : "(end)") + "\n  metadata: "
            + (line < generatedLines.size() ? generatedLines.get(line) : "(end)");
    }

    /** The module's keys in name order, the elements of a list of records expanded. */
    List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        for (JsonNode property : metadata.path("properties")) {
            String name = property.path("name").asString();
            String type = property.path("type").asString();
            JsonNode described = property.has("description") ? property : sourceProperty(property);
            keys.add(new Key(name, type, defaultOf(described.has("defaultValue") ? described : property),
                meaningOf(described)));
            JsonNode element = sourceMetadata(elementType(type));
            if (element != null) {
                for (JsonNode elementProperty : element.path("properties")) {
                    keys.add(new Key(name + "[n]." + elementProperty.path("name").asString(),
                        elementProperty.path("type").asString(), defaultOf(elementProperty), meaningOf(elementProperty)));
                }
            }
        }
        keys.sort(Comparator.comparing(Key::name));
        return keys;
    }

    String table(List<Key> keys) {
        StringBuilder table = new StringBuilder("| key | type | default | meaning |\n|---|---|---|---|\n");
        for (Key key : keys) {
            table.append("| `").append(key.name()).append("` | ").append(KeyTypes.describe(key.type())).append(" | ")
                .append(key.defaultValue() == null ? "—" : key.defaultValue().isEmpty() ? "`\"\"`" : "`" + key.defaultValue() + "`")
                .append(" | ").append(key.meaning()).append(" |\n");
        }
        return table.toString();
    }

    /** The document with this module's section between its markers replaced, or appended when it has none yet. */
    String withSection(String text, String table) {
        String begin = "<!-- BEGIN " + module + " (generated by ConfigurationReferenceTest; do not edit) -->\n";
        String end = "<!-- END " + module + " -->\n";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            return text + (text.isEmpty() || text.endsWith("\n\n") ? "" : "\n") + begin + table + end;
        }
        return text.substring(0, from) + begin + table + text.substring(to);
    }

    /** The default as one would write it in application.yml or on the command line; null when there is none. */
    private static String defaultOf(JsonNode property) {
        JsonNode value = property.path("defaultValue");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(JsonNode::asString).collect(Collectors.joining(","));
        }
        String text = value.asString();
        // The processor writes a collection's @DefaultValue as its toString(): "[AAPL, MSFT, GOOGL]".
        boolean collection = property.path("type").asString().matches("java\\.util\\.(List|Set)<.*");
        return collection && text.startsWith("[") && text.endsWith("]")
            ? text.substring(1, text.length() - 1).replace(", ", ",") : text;
    }

    /** The javadoc the processor copied, made Markdown: {@code x} and {@link X} as code, one line, no table breaks. */
    private static String meaningOf(JsonNode property) {
        return Javadoc.toMarkdown(property.path("description").asString(""))
            .replaceAll("\\s+", " ")
            .replace("|", "\\|")
            .strip();
    }

    /**
     * The key as the metadata of its source type has it, for a key of a shared-lib record nested in
     * a service's properties whose description the service's metadata lacks: javac's annotation
     * processing does not look under META-INF in a jar on the class path, so the processor finds
     * the record's metadata only while shared-lib is a class directory (a build up to {@code test}),
     * not once it is packaged (verify). The property itself when its source has no such key.
     */
    private static JsonNode sourceProperty(JsonNode property) {
        JsonNode source = sourceMetadata(property.path("sourceType").asString());
        String name = property.path("name").asString();
        if (source != null) {
            for (JsonNode candidate : source.path("properties")) {
                if (name.endsWith("." + candidate.path("name").asString())) {
                    return candidate;
                }
            }
        }
        return property;
    }

    /** A list's element type, or null for any other type. */
    private static String elementType(String type) {
        return type.startsWith("java.util.List<") && type.endsWith(">")
            ? type.substring("java.util.List<".length(), type.length() - 1) : null;
    }

    /** The metadata the processor writes for a type marked @ConfigurationPropertiesSource; null for any other type. */
    private static JsonNode sourceMetadata(String type) {
        if (type == null || type.isEmpty()) {
            return null;
        }
        String resource = "META-INF/spring/configuration-metadata/" + type + ".json";
        try (InputStream in = ConfigurationReference.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** The directory with mvnw: a module's tests run in the module's directory, one below it. */
    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("the repository root (the directory with mvnw) above " + Path.of("").toAbsolutePath())
            .isNotNull();
        return directory;
    }

    /** One key; {@code defaultValue} null when it has none. */
    record Key(String name, String type, String defaultValue, String meaning) {
    }
}
