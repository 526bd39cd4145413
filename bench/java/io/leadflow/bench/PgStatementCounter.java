package io.leadflow.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between leadflow and PostgreSQL that counts the statements leadflow runs, from the outside:
 * every Execute message of the extended protocol (what the JDBC driver sends for each statement, BEGIN and
 * COMMIT included, one per row of a batch) and every simple Query message. leadflow connects to
 * {@link #url()} instead of the server; nothing else changes. TLS is off on that hop ({@code sslmode=disable})
 * so the messages can be read.
 */
final class PgStatementCounter implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final AtomicLong executes = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();

    private PgStatementCounter(ServerSocket server, String targetHost, int targetPort) {
        this.server = server;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Listens on a free loopback port and forwards to PostgreSQL on 127.0.0.1:5432. */
    static PgStatementCounter start() throws IOException {
        PgStatementCounter counter = new PgStatementCounter(new ServerSocket(0, 100, InetAddress.getLoopbackAddress()), "127.0.0.1", 5432);
        Thread.ofPlatform().daemon().name("pg-counter-accept").start(counter::accept);
        return counter;
    }

    /** The JDBC URL of the database through this proxy. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/" + BenchApplication.DATABASE + "?sslmode=disable";
    }

    /** Statements run so far (Execute and simple Query messages). */
    long statements() {
        return executes.get() + queries.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> countAndForward(client, upstream));
                Thread.ofVirtual().start(() -> forward(upstream, client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("pg counter: " + e.getMessage());
                }
            }
        }
    }

    /** Frontend → server: untyped start-up messages first, then typed messages (one type byte, a length, the body). */
    private void countAndForward(Socket client, Socket upstream) {
        try (client; upstream) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            OutputStream out = new BufferedOutputStream(upstream.getOutputStream());
            boolean started = false;
            while (!started) {
                int length = in.readInt();
                int code = in.readInt();
                byte[] body = in.readNBytes(length - 8);
                writeInt(out, length);
                writeInt(out, code);
                out.write(body);
                out.flush();
                if (code == CANCEL_REQUEST) {
                    return;
                }
                started = code != SSL_REQUEST && code != GSS_REQUEST;
            }
            byte[] buffer = new byte[8192];
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                if (type == 'E') {
                    executes.incrementAndGet();
                } else if (type == 'Q') {
                    queries.incrementAndGet();
                }
                int length = in.readInt();
                out.write(type);
                writeInt(out, length);
                copy(in, out, length - 4, buffer);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (EOFException e) {
            // The client closed its connection.
        } catch (IOException e) {
            // Either side went away: the pool's connection ends with it.
        }
    }

    private static void forward(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // Either side went away.
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, int count, byte[] buffer) throws IOException {
        int left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException();
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
