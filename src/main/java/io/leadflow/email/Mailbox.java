package io.leadflow.email;

/** An address and the name shown with it; the name may be null. */
public record Mailbox(String name, String address) {

    /** Only the address. */
    public static Mailbox of(String address) {
        return new Mailbox(null, address);
    }
}
