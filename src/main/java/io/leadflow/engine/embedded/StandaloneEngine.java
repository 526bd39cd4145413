package io.leadflow.engine.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded engine as a process of its own, for leadflow in {@code remote} mode on one machine
 * (and the test that proves the remote path): {@code java -cp leadflow.jar
 * -Dloader.main=io.leadflow.engine.embedded.StandaloneEngine org.springframework.boot.loader.launch.PropertiesLauncher
 * <data-dir> [host] [port]}. It stops cleanly on SIGTERM. Like the embedded engine it is under {@link EmbeddedZeebe#LICENSE}
 * and says so when it starts.
 */
public final class StandaloneEngine {

    private StandaloneEngine() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: StandaloneEngine <data-dir> [host, default 127.0.0.1] [port, default 26500]");
            System.exit(2);
        }
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 26500;
        EmbeddedZeebe engine = EmbeddedZeebe.start(new EmbeddedZeebe.Settings(Path.of(args[0]), host, port,
                64L * 1024 * 1024, Duration.ofSeconds(15), Duration.ofMinutes(2)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }));
        System.out.println("Zeebe engine ready on " + host + ":" + port + ", under " + EmbeddedZeebe.LICENSE);
        stopped.await();
    }
}
