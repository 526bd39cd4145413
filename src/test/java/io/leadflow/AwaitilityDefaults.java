package io.leadflow;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Awaitility's defaults for the whole test JVM, set before any test runs. By default an await fails on any thread's
 * uncaught exception; with two test classes running at once that would be a thread of the other class (a mail server
 * a test keeps from starting on purpose, a leadflow closing), so each class checks its own outcomes instead.
 */
public final class AwaitilityDefaults implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }
}
