package io.leadflow.sequence.internal;

import io.leadflow.platform.GeneratedSecrets;
import io.leadflow.platform.Secrets.Secret;
import io.leadflow.sequence.SequenceProperties;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signs what the public links of a sequence email name (the lead to unsubscribe, the message opened, the link
 * clicked) with HMAC-SHA256 and the links' secret, so nobody can make a link for something else.
 */
@Component
public class LinkSigner {

    static final Secret SECRET = new Secret("leadflow.sequence.unsubscribe-secret", "LEADFLOW_UNSUBSCRIBE_SECRET",
            "dev-unsubscribe-secret");

    private final SecretKeySpec key;

    LinkSigner(SequenceProperties settings, GeneratedSecrets secrets) {
        String secret = secrets.require(SECRET, settings.unsubscribeSecret());
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The signature of {@code signed}, URL-safe. */
    String sign(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signature = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code token} is the signature of {@code signed}, compared in constant time. */
    boolean isValid(String signed, String token) {
        return MessageDigest.isEqual(sign(signed).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }
}
