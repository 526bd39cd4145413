package io.leadflow;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.util.List;

/**
 * Gives every full-stack test class a Spring context of its own, never one cached for another class: test classes run
 * two at a time, and a context shared with a class still running would be closed under it by {@code @DirtiesContext}.
 * The customizer changes nothing; it only makes the test class part of the context's cache key.
 */
final class ContextPerTestClass implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        return new OwnContext(testClass);
    }

    private record OwnContext(Class<?> testClass) implements ContextCustomizer {
        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                                     org.springframework.test.context.MergedContextConfiguration configuration) {
        }
    }
}
