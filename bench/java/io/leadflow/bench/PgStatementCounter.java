package io.leadflow.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

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
    private final LongAdder statements = new LongAdder();
    private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();

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
        return statements.sum();
    }

    /** Statements run so far by their SQL (whitespace collapsed, cut at 120 characters). */
    Map<String, Long> statementsBySql() {
        Map<String, Long> counts = new HashMap<>();
        bySql.forEach((sql, count) -> counts.put(sql, count.sum()));
        return counts;
    }

    private void count(String sql) {
        statements.increment();
        bySql.computeIfAbsent(sql, ignored -> new LongAdder()).increment();
    }

    /** The first {@code count} NUL-terminated strings of a message body. */
    private static String[] cStrings(byte[] body, int count) {
        String[] strings = new String[count];
        int start = 0;
        for (int i = 0; i < count; i++) {
            int end = start;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            strings[i] = new String(body, start, end - start, StandardCharsets.UTF_8);
            start = end + 1;
        }
        String sql = strings[count - 1].replaceAll("\\s+", " ").strip();
        strings[count - 1] = sql.length() > 120 ? sql.substring(0, 120) : sql;
        return strings;
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
            // What each prepared statement of this connection runs (the unnamed one too), and what the next Execute runs.
            Map<String, String> prepared = new HashMap<>();
            String bound = "";
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                out.write(type);
                writeInt(out, length);
                out.write(body);
                if (in.available() == 0) {
                    out.flush();
                }
                switch (type) {
                    case 'P' -> {
                        String[] nameAndQuery = cStrings(body, 2);
                        prepared.put(nameAndQuery[0], nameAndQuery[1]);
                    }
                    case 'B' -> bound = prepared.getOrDefault(cStrings(body, 2)[1], "?");
                    case 'E' -> count(bound);
                    case 'Q' -> count(cStrings(body, 1)[0]);
                    default -> {
                    }
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
