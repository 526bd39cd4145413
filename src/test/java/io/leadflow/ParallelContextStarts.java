package io.leadflow;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.BootstrapUtils;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.SmartContextLoader;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.cache.ContextCache;
import org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate;
import org.springframework.test.context.support.AbstractTestContextBootstrapper;

/**
 * Starts and closes a full-stack test class's own leadflow outside the lock of Spring's context cache. Spring loads and
 * closes every test context while holding one lock for the whole JVM, so with two classes running at once a class whose
 * leadflow was starting or stopping (database, engine, models, mail server, web server: seconds) held back the start of
 * the other's. Every full-stack class has a context no other class uses ({@link ContextPerTestClass}), so nothing is
 * shared between two starts: this starts the class's context before Spring asks for it and puts it in the cache, where
 * Spring finds it; after the class, it closes it before Spring removes it ({@code @DirtiesContext}), so Spring's removal
 * closes nothing.
 * <p>
 * Ordered last: its {@code beforeTestClass} runs after every other listener's (none of which loads the context) and its
 * {@code afterTestClass} before every other's, which then find no context to act on.
 */
final class ParallelContextStarts implements TestExecutionListener, Ordered {

    static {
        // Logback is not safe to configure from two threads at once: two leadflows starting together take turns at it.
        if (System.getProperty(LoggingSystem.SYSTEM_PROPERTY) == null) {
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, SerializedLogbackLoggingSystem.class.getName());
        }
    }

    /** The cache (and lock) every Spring test context of this JVM uses. */
    private static final ContextCache CACHE = new DefaultCacheAwareContextLoaderDelegate() {
        ContextCache cache() {
            return getContextCache();
        }
    }.cache();

    @Override
    public void beforeTestClass(TestContext testContext) throws Exception {
        MergedContextConfiguration configuration = ((AbstractTestContextBootstrapper) BootstrapUtils
                .resolveTestContextBootstrapper(testContext.getTestClass())).buildMergedContextConfiguration();
        if (isCached(configuration)) {
            return;
        }
        ApplicationContext context = ((SmartContextLoader) configuration.getContextLoader()).loadContext(configuration);
        synchronized (CACHE) {
            if (!CACHE.contains(configuration)) {
                CACHE.put(configuration, context);
                return;
            }
        }
        ((ConfigurableApplicationContext) context).close();
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            ((ConfigurableApplicationContext) testContext.getApplicationContext()).close();
            testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
        }
    }

    private static boolean isCached(MergedContextConfiguration configuration) {
        synchronized (CACHE) {
            return CACHE.contains(configuration);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
