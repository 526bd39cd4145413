package io.leadflow.sequence.internal;

import io.leadflow.platform.PlatformProperties;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** One-click unsubscribe links (RFC 8058) signed with a secret, so nobody can unsubscribe someone else. */
@Component
public class UnsubscribeLinks {

    private final String baseUrl;
    private final LinkSigner signer;

    UnsubscribeLinks(PlatformProperties platform, LinkSigner signer) {
        this.baseUrl = platform.baseUrl();
        this.signer = signer;
    }

    public String linkFor(UUID leadId) {
        return baseUrl + "/unsubscribe/" + leadId + "/" + signer.sign(leadId.toString());
    }

    public boolean isValid(UUID leadId, String token) {
        return signer.isValid(leadId.toString(), token);
    }
}
