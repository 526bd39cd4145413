package io.leadflow.sequence.internal;

import io.leadflow.platform.PlatformProperties;
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
import java.util.UUID;

/** One-click unsubscribe links (RFC 8058) signed with a secret, so nobody can unsubscribe someone else. */
@Component
public class UnsubscribeLinks {

    static final Secret SECRET = new Secret("leadflow.sequence.unsubscribe-secret", "LEADFLOW_UNSUBSCRIBE_SECRET",
            "dev-unsubscribe-secret");

    private final String baseUrl;
    private final SecretKeySpec key;

    UnsubscribeLinks(PlatformProperties platform, SequenceProperties settings, GeneratedSecrets secrets) {
        this.baseUrl = platform.baseUrl();
        String secret = secrets.require(SECRET, settings.unsubscribeSecret());
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String linkFor(UUID leadId) {
        return baseUrl + "/unsubscribe/" + leadId + "/" + token(leadId);
    }

    public boolean isValid(UUID leadId, String token) {
        return MessageDigest.isEqual(token(leadId).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.US_ASCII));
    }

    private String token(UUID leadId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signature = mac.doFinal(leadId.toString().getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
