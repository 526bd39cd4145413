package io.leadflow.reports.internal;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Whether two rates (a variant's and the control's: replies of emails sent, say) differ by more than chance: the
 * two-proportion z-test with the pooled proportion, two-sided, at the 5 % level. Its normal approximation holds only
 * with at least {@value #MIN_EACH} successes and {@value #MIN_EACH} failures on each side; with fewer, the difference is
 * not yet significant, whatever its size.
 */
record TwoProportionTest(double difference, Double z, Double pValue, boolean significant) {

    static final double LEVEL = 0.05;
    static final int MIN_EACH = 5;
    private static final NormalDistribution NORMAL = new NormalDistribution();

    /** The test of {@code successes} of {@code trials} against the control's {@code controlSuccesses} of {@code controlTrials}. */
    static TwoProportionTest of(long successes, long trials, long controlSuccesses, long controlTrials) {
        double difference = Rates.rate(successes, trials) - Rates.rate(controlSuccesses, controlTrials);
        if (!enough(successes, trials) || !enough(controlSuccesses, controlTrials)) {
            return new TwoProportionTest(round(difference), null, null, false);
        }
        double rate = (double) successes / trials;
        double controlRate = (double) controlSuccesses / controlTrials;
        double pooled = (double) (successes + controlSuccesses) / (trials + controlTrials);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / trials + 1.0 / controlTrials));
        double z = (rate - controlRate) / standardError;
        double pValue = 2 * NORMAL.cumulativeProbability(-Math.abs(z));
        return new TwoProportionTest(round(difference), round(z), round(pValue), pValue < LEVEL);
    }

    private static boolean enough(long successes, long trials) {
        return successes >= MIN_EACH && trials - successes >= MIN_EACH;
    }

    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
