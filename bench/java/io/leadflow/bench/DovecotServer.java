package io.leadflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Dovecot IMAP server of the benchmark's own (Debian's dovecot-imapd, run as root with a configuration in a temporary
 * directory, listening on loopback only): a production IMAP server, with indexes, where the embedded GreenMail keeps
 * every message in memory and scans the folder for each fetch. Mailboxes are Maildir folders written directly, as a
 * delivery agent would, so ten folders of 10,000 messages take seconds to fill.
 */
final class DovecotServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/dovecot");
    /** Debian's own user for mail, so no account has to be created on the machine. */
    private static final String MAIL_USER = "mail";

    private final Path home;
    private final int port;
    private final StringBuilder users = new StringBuilder();

    private DovecotServer(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    static DovecotServer start(int port) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("Dovecot is not installed: apt-get install dovecot-imapd");
        }
        Path home = Files.createTempDirectory("leadflow-bench-dovecot");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(home.resolve("mail"));
        Files.createDirectories(home.resolve("state"));
        Files.writeString(home.resolve("users"), "");
        Files.writeString(home.resolve("dovecot.conf"), """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                listen = 127.0.0.1
                protocols = imap
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                default_internal_user = dovecot
                default_login_user = dovenull
                first_valid_uid = 1
                mail_location = maildir:%1$s/mail/%%u
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %1$s/users
                }
                userdb {
                  driver = static
                  args = uid=%3$s gid=%3$s home=%1$s/mail/%%u
                }
                """.formatted(home, port, MAIL_USER));
        DovecotServer server = new DovecotServer(home, port);
        try {
            server.run(BINARY.toString(), "-c", server.config());
        } catch (IOException | RuntimeException e) {
            server.delete();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
    }

    /** A user with a password and an empty INBOX (a Maildir). */
    Path addUser(String address, String password) throws IOException {
        users.append(address).append(":{PLAIN}").append(password).append('\n');
        Files.writeString(home.resolve("users"), users);
        Path inbox = home.resolve("mail").resolve(address);
        for (String part : List.of("cur", "new", "tmp")) {
            Files.createDirectories(inbox.resolve(part));
        }
        return inbox;
    }

    /** Delivers a message into a user's INBOX as a delivery agent does: written under tmp/, moved into new/. */
    static void deliver(Path inbox, String name, byte[] message) throws IOException {
        Path tmp = inbox.resolve("tmp").resolve(name);
        Files.write(tmp, message);
        Files.move(tmp, inbox.resolve("new").resolve(name));
    }

    /** Hands the mail directories to the mail user, whom Dovecot reads them as. */
    void handOver() throws IOException {
        UserPrincipalLookupService lookup = home.getFileSystem().getUserPrincipalLookupService();
        var owner = lookup.lookupPrincipalByName(MAIL_USER);
        var group = lookup.lookupPrincipalByGroupName(MAIL_USER);
        try (Stream<Path> paths = Files.walk(home.resolve("mail"))) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setOwner(path, owner);
                Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(group);
            }
        }
    }

    private String config() {
        return home.resolve("dovecot.conf").toString();
    }

    /** Runs a command to its end; its output goes to a file, as Dovecot's master keeps the pipe open once it forks. */
    private void run(String... command) throws IOException, InterruptedException {
        Path output = home.resolve("command.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws Exception {
        run("doveadm", "-c", config(), "stop");
        delete();
    }

    private void delete() throws IOException {
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
