package io.leadflow.reports.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The two-proportion z-test against figures worked by hand (pooled proportion, two-sided). */
class TwoProportionTestTest {

    @Test
    void aClearDifferenceIsSignificant() {
        // 60 of 500 against 30 of 500: pooled 0.09, standard error 0.0181, z = 0.06 / 0.0181 = 3.315, p = 0.0009.
        TwoProportionTest test = TwoProportionTest.of(60, 500, 30, 500);
        assertThat(test.difference()).isEqualTo(0.06);
        assertThat(test.z()).isCloseTo(3.3150, within(0.0005));
        assertThat(test.pValue()).isCloseTo(0.0009, within(0.0001));
        assertThat(test.significant()).isTrue();
    }

    @Test
    void aSmallDifferenceIsNotSignificantYet() {
        // 55 of 500 against 50 of 500: z = 0.01 / sqrt(0.105 · 0.895 · 0.004) = 0.5158, p = 0.606.
        TwoProportionTest test = TwoProportionTest.of(55, 500, 50, 500);
        assertThat(test.z()).isCloseTo(0.5158, within(0.0005));
        assertThat(test.pValue()).isCloseTo(0.606, within(0.001));
        assertThat(test.significant()).isFalse();
    }

    @Test
    void aLowerRateGivesANegativeDifference() {
        TwoProportionTest test = TwoProportionTest.of(30, 500, 60, 500);
        assertThat(test.difference()).isEqualTo(-0.06);
        assertThat(test.z()).isCloseTo(-3.3150, within(0.0005));
        assertThat(test.significant()).isTrue();
    }

    @Test
    void tooFewAnswersOnEitherSideAreNeverSignificant() {
        // 4 of 10 against 0 of 10 looks large, but the normal approximation needs 5 successes and 5 failures a side.
        TwoProportionTest few = TwoProportionTest.of(4, 10, 0, 10);
        assertThat(few.difference()).isEqualTo(0.4);
        assertThat(few.z()).isNull();
        assertThat(few.pValue()).isNull();
        assertThat(few.significant()).isFalse();
        assertThat(TwoProportionTest.of(0, 0, 0, 0).significant()).isFalse();
    }
}
