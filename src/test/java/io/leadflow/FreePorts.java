package io.leadflow;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers a test starts, chosen when it runs: free on loopback at that moment, and below the kernel's range
 * for outgoing connections (Linux: 32768 and up), so no client connection of this or another build takes one before the
 * server binds it. Random, so tests running side by side on one machine do not pick alike, and never the same one twice in
 * a JVM, so ports picked together differ.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int BELOW_OUTGOING = 32_768;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int pick() {
        for (int tries = 0; tries < 1_000; tries++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_OUTGOING);
            if (free(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + LOWEST + " and " + BELOW_OUTGOING + " on loopback");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
