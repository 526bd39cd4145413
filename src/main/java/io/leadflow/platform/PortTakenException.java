package io.leadflow.platform;

import java.util.Locale;

/**
 * A server leadflow runs cannot listen because another program (often another leadflow) holds its
 * port. It names the port and the one setting that moves it, so the start ends with what to do.
 */
public class PortTakenException extends RuntimeException {

    private final String action;

    /**
     * @param server  what could not listen, as a person knows it ("the embedded mail server's SMTP")
     * @param setting the property that moves that port
     */
    public PortTakenException(String server, int port, String setting, Throwable cause) {
        super("Port " + port + " is taken: " + server + " cannot listen on it (another program, or another leadflow, uses it).", cause);
        this.action = "Stop what listens on port " + port + ", or move " + server + " to a free port with the setting "
                + setting + " (environment variable " + environmentVariable(setting) + ").";
    }

    /** What the person starting leadflow can do about it. */
    public String action() {
        return action;
    }

    /** The variable Spring Boot binds to the setting: dots become underscores, dashes go, upper case. */
    static String environmentVariable(String setting) {
        return setting.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }
}
