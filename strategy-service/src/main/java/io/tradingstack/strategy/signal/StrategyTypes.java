package io.tradingstack.strategy.signal;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The strategy types that configuration can name: every {@link TradingStrategy} class found
 * under the scanned packages, by its type name. Found once at start-up; a class that cannot be
 * made from a {@link StrategyDefinition}, or two classes with one name, stop the start-up.
 */
public final class StrategyTypes {

    /** Where strategy classes are looked for by default: this service's packages. */
    public static final String BASE_PACKAGE = "io.tradingstack.strategy";

    private final Map<String, Constructor<? extends Strategy>> constructors;

    private StrategyTypes(Map<String, Constructor<? extends Strategy>> constructors) {
        this.constructors = Collections.unmodifiableMap(constructors);
    }

    /** The types under {@code basePackages}. */
    public static StrategyTypes scan(String... basePackages) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(TradingStrategy.class));
        Map<String, Constructor<? extends Strategy>> found = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String basePackage : basePackages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
                Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), StrategyTypes.class.getClassLoader());
                String name = type.getAnnotation(TradingStrategy.class).value();
                Constructor<? extends Strategy> constructor = constructorOf(type, problems);
                Constructor<? extends Strategy> other = constructor == null ? null : found.putIfAbsent(name, constructor);
                if (other != null && !other.equals(constructor)) {
                    problems.add("type \"" + name + "\" is claimed by both " + other.getDeclaringClass().getName() + " and "
                        + type.getName());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid strategy classes: " + String.join("; ", problems));
        }
        return new StrategyTypes(found);
    }

    /** The given types only: for tests and for code that registers strategies by hand. */
    @SafeVarargs
    public static StrategyTypes of(Class<? extends Strategy>... types) {
        Map<String, Constructor<? extends Strategy>> found = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Class<? extends Strategy> type : types) {
            TradingStrategy annotation = type.getAnnotation(TradingStrategy.class);
            if (annotation == null) {
                problems.add(type.getName() + " has no @" + TradingStrategy.class.getSimpleName());
                continue;
            }
            Constructor<? extends Strategy> constructor = constructorOf(type, problems);
            if (constructor != null) {
                found.put(annotation.value(), constructor);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid strategy classes: " + String.join("; ", problems));
        }
        return new StrategyTypes(found);
    }

    @SuppressWarnings("unchecked")
    private static Constructor<? extends Strategy> constructorOf(Class<?> type, List<String> problems) {
        if (!Strategy.class.isAssignableFrom(type)) {
            problems.add(type.getName() + " is marked @" + TradingStrategy.class.getSimpleName() + " but does not implement "
                + Strategy.class.getName());
            return null;
        }
        try {
            return (Constructor<? extends Strategy>) type.getDeclaredConstructor(StrategyDefinition.class);
        } catch (NoSuchMethodException e) {
            problems.add(type.getName() + " needs a constructor taking a " + StrategyDefinition.class.getSimpleName());
            return null;
        }
    }

    /** The type names known, sorted. */
    public List<String> names() {
        return List.copyOf(constructors.keySet());
    }

    /**
     * One strategy per definition, in order.
     *
     * @throws IllegalStateException naming every definition whose type is unknown or whose
     *                               strategy could not be made, and the known types
     */
    public List<Strategy> createAll(List<StrategyDefinition> definitions) {
        List<Strategy> strategies = new ArrayList<>(definitions.size());
        List<String> problems = new ArrayList<>();
        for (StrategyDefinition definition : definitions) {
            try {
                strategies.add(create(definition));
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Cannot create the configured strategies: " + String.join("; ", problems));
        }
        return List.copyOf(strategies);
    }

    /** The strategy a definition names. */
    public Strategy create(StrategyDefinition definition) {
        Constructor<? extends Strategy> constructor = constructors.get(definition.type());
        if (constructor == null) {
            throw new IllegalStateException("strategy " + definition.id() + ": unknown type \"" + definition.type()
                + "\", known types " + names());
        }
        Strategy strategy;
        try {
            strategy = BeanUtils.instantiateClass(constructor, definition);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("strategy " + definition.id() + " of type " + definition.type()
                + " could not be created: " + cause.getMessage(), e);
        }
        if (!definition.id().equals(strategy.id())) {
            throw new IllegalStateException("strategy " + definition.id() + " of type " + definition.type()
                + " reports the id \"" + strategy.id() + "\": a strategy must use its configured id");
        }
        if (!definition.symbols().containsAll(strategy.symbols())) {
            throw new IllegalStateException("strategy " + definition.id() + " trades " + strategy.symbols()
                + ", beyond its configured symbols " + definition.symbols());
        }
        return strategy;
    }
}
