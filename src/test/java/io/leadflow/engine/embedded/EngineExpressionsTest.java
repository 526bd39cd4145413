package io.leadflow.engine.embedded;

import io.camunda.zeebe.el.ExpressionLanguage;
import io.camunda.zeebe.el.ExpressionLanguageFactory;
import io.camunda.zeebe.engine.processing.common.ExpressionProcessor;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.util.Either;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded engine evaluates a bounded expression on its own thread and any other as Zeebe does, on a thread of its
 * own with a timeout; the class that does it is leadflow's copy of Zeebe 8.8.21's {@link ExpressionProcessor}.
 */
class EngineExpressionsTest {

    private static final Pattern EXPRESSION = Pattern.compile("=\"(=[^\"]*)\"|>(=[^<]+)</");

    private final ExpressionLanguage feel = ExpressionLanguageFactory.createExpressionLanguage(ZonedDateTime::now);
    private final Set<Thread> readOn = ConcurrentHashMap.newKeySet();
    /** Holds the evaluation that reads {@code held} until the test lets it go: it ends when the test says, not by speed. */
    private final CountDownLatch letGo = new CountDownLatch(1);
    private final ExpressionProcessor processor = new ExpressionProcessor(feel, scope -> name -> {
        readOn.add(Thread.currentThread());
        if (name.equals("held")) {
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return name.equals("n") || name.equals("held") ? new UnsafeBuffer(MsgPackConverter.convertToMsgPack(3)) : null;
    }, Duration.ofMillis(200));

    @Test
    void theEngineRunsLeadflowsCopyOfZeebesExpressionProcessorOfTheVersionItWasCopiedFrom() throws Exception {
        assertThat(ExpressionProcessor.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .as("the class loaded is leadflow's copy, not the engine jar's").doesNotEndWith(".jar");
        Properties engine = new Properties();
        try (InputStream pom = ExpressionLanguage.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/io.camunda/zeebe-workflow-engine/pom.properties")) {
            engine.load(pom);
        }
        assertThat(engine.getProperty("version"))
                .as("the engine's version: compare the copy with this version's ExpressionProcessor and update it").isEqualTo("8.8.21");
    }

    @Test
    void aBoundedExpressionIsEvaluatedOnTheCallersThread() {
        Either<?, Boolean> result = processor.evaluateBooleanExpression(feel.parseExpression("=n > 2"), 1);

        assertThat(result.get()).isTrue();
        assertThat(readOn).containsExactly(Thread.currentThread());
    }

    @Test
    void aFailingBoundedExpressionFailsAsZeebesDoes() {
        Either<?, Boolean> result = processor.evaluateBooleanExpression(feel.parseExpression("=unknownFunction(n) > 2"), 1);

        assertThat(result.isLeft()).isTrue();
        assertThat(result.getLeft().toString()).contains("unknownFunction");
    }

    @Test
    @Timeout(30) // evaluated on this thread by mistake, it would wait for ever: the timeout turns that into a failure
    void anExpressionThatMayRunAwayIsEvaluatedElsewhereAndTimesOut() {
        Either<?, Long> result = processor.evaluateLongExpression(feel.parseExpression("=count(for x in [1, 2] return held)"), 1);
        letGo.countDown();

        assertThat(result.isLeft()).isTrue();
        assertThat(result.getLeft().toString()).contains("timed out after 200 ms");
        assertThat(readOn).doesNotContain(Thread.currentThread());
    }

    @ParameterizedTest
    @ValueSource(strings = {"=for x in items return x", "=some x in items satisfies x > 1", "=every x in items satisfies x",
            "=count([1..100])", "={f: function(n) f(n)}.f(1)", "=matches(name, \"(a+)+$\")", "=replace(name, \"a\", \"b\")",
            "=split(name, \",\")"})
    void iterationsFunctionsAndRegularExpressionsMayRunAway(String expression) {
        assertThat(BoundedExpressions.isBounded(expression)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=personKnown = false", "=date and time(attempt.due)", "=format", "=someone + everyone",
            "=append(if attemptOutcomes = null then [] else attemptOutcomes, {step: attempt.step})"})
    void pathsComparisonsCallsAndConditionsAreBounded(String expression) {
        assertThat(BoundedExpressions.isBounded(expression)).isTrue();
    }

    /** Every expression of leadflow's own models is evaluated on the engine's thread. */
    @Test
    void everyExpressionOfTheModelsIsBounded() throws Exception {
        List<String> expressions;
        try (Stream<Path> models = Files.list(Path.of("processes"))) {
            expressions = models.filter(model -> model.toString().endsWith(".bpmn")).flatMap(EngineExpressionsTest::expressions).toList();
        }
        assertThat(expressions).hasSizeGreaterThan(50).allSatisfy(expression ->
                assertThat(BoundedExpressions.isBounded(expression)).as(expression).isTrue());
    }

    private static Stream<String> expressions(Path model) {
        try {
            Matcher matcher = EXPRESSION.matcher(Files.readString(model));
            Stream.Builder<String> found = Stream.builder();
            while (matcher.find()) {
                found.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            }
            return found.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
