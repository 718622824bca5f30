package io.tradingstack.config;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A key's type as a reader of docs/configuration.md wants it: {@code Duration} rather than
 * {@code java.time.Duration}, and an enum as the values it takes.
 */
final class KeyTypes {

    private static final Pattern ENUM_COLLECTION = Pattern.compile("java\\.util\\.(List|Set)<([\\w.$]+)>");

    private KeyTypes() {
    }

    static String describe(String type) {
        Class<?> enumType = enumType(type);
        if (enumType != null) {
            return "one of " + values(enumType);
        }
        Matcher collection = ENUM_COLLECTION.matcher(type);
        if (collection.matches() && enumType(collection.group(2)) != null) {
            return "`" + collection.group(1) + "` of " + values(enumType(collection.group(2)));
        }
        return "`" + type.replaceAll("\\b[a-z][a-z0-9_]*\\.", "").replace('$', '.').replace(",", ", ") + "`";
    }

    private static String values(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(constant -> "`" + ((Enum<?>) constant).name() + "`")
            .collect(Collectors.joining(", "));
    }

    private static Class<?> enumType(String type) {
        try {
            Class<?> candidate = Class.forName(type, false, KeyTypes.class.getClassLoader());
            return candidate.isEnum() ? candidate : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // a generic type, or one this module cannot load: shown by its name
        }
    }
}
