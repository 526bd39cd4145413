package io.leadflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/**
 * The outbox's drain: a backlog of mails (a sequence email's size, each to its own recipient) committed at once to
 * {@code outbound_mail}, then timed until the dispatcher has sent every one to the embedded mail server.
 *
 * <p>System properties: bench.mails (1000), bench.wait-seconds (cap on waiting for the drain, 600).
 */
public final class MailBenchmark {

    private static final String TEXT = """
            Hola Rosa,

            Intenté llamarte esta mañana. Te escribo porque los equipos de marketing de telecomunicaciones en Colombia
            nos cuentan lo mismo: muchos leads, poco tiempo para llamar a los buenos a tiempo. Preparamos una guía corta,
            «Cinco indicadores para priorizar tus leads», con lo que vemos en empresas como Telcomex.

            ¿Te sirve una llamada de 15 minutos el jueves?

            Ana Torres
            """;

    private MailBenchmark() {
    }

    public static void main(String[] args) {
        BenchApplication.run(app -> {
            run(BenchApplication.intProperty("bench.mails", 1000));
            return app;
        });
    }

    static void run(int mails) throws Exception {
        int waitSeconds = BenchApplication.intProperty("bench.wait-seconds", 600);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String html = "<html><body>" + TEXT.replace("\n\n", "</p><p>") + "</body></html>";
        long start;
        try (Connection db = BenchApplication.connect(); PreparedStatement insert = db.prepareStatement("""
                insert into outbound_mail (idempotency_key, recipient, subject, text_body, html_body, message_id,
                    next_attempt_at, created_at)
                select 'bench:' || ? || ':' || i, 'rosa' || i || '.' || ? || '@andesnet.co', 'Rosa, cinco indicadores para Telcomex',
                    ?, ?, '<' || gen_random_uuid() || '@leadflow.local>', now(), now()
                from generate_series(1, ?) i
                """)) {
            insert.setString(1, run);
            insert.setString(2, run);
            insert.setString(3, TEXT);
            insert.setString(4, html);
            insert.setInt(5, mails);
            insert.executeUpdate();
            // Committed: from here the dispatcher sees the backlog.
            start = System.nanoTime();
        }
        long deadline = start + waitSeconds * 1_000_000_000L;
        long sent = 0;
        while (sent < mails && System.nanoTime() < deadline) {
            Thread.sleep(50);
            sent = sent(run);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("mail: %d of %d mails sent in %.1f s (%.0f mails/s)%n", sent, mails, seconds, sent / seconds);
    }

    private static long sent(String run) throws Exception {
        try (Connection db = BenchApplication.connect(); PreparedStatement query = db.prepareStatement(
                "select count(*) from outbound_mail where status = 'SENT' and idempotency_key like ?")) {
            query.setString(1, "bench:" + run + ":%");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
