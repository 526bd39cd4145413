package io.leadflow.email.internal;

import io.leadflow.email.MailProperties;
import io.leadflow.platform.GeneratedSecrets;
import io.leadflow.platform.Secrets.Secret;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Mailbox passwords at rest: AES-256-GCM under a key derived from {@code leadflow.mail.mailboxes.secret}, a fresh
 * 96-bit nonce per password stored before its ciphertext. The owner of the row is bound in as associated data, so a
 * ciphertext copied onto another rep's row does not decrypt.
 */
@Component
public class MailboxPasswords {

    static final Secret SECRET = new Secret("leadflow.mail.mailboxes.secret", "LEADFLOW_MAILBOX_SECRET", null);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    MailboxPasswords(MailProperties settings, GeneratedSecrets secrets) throws GeneralSecurityException {
        byte[] secret = secrets.require(SECRET, settings.mailboxes().secret()).getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(secret), "AES");
    }

    public byte[] encrypt(String owner, String password) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, owner, nonce);
            byte[] sealed = cipher.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The password; an {@link IllegalStateException} when the secret changed since it was stored. */
    public String decrypt(String owner, byte[] stored) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, owner, java.util.Arrays.copyOf(stored, NONCE_BYTES));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The mailbox password of " + owner + " does not decrypt with "
                    + SECRET.environmentVariable() + ": set the password again", e);
        }
    }

    private Cipher cipher(int mode, String owner, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
