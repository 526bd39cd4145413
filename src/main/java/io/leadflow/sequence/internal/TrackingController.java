package io.leadflow.sequence.internal;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Base64;

/**
 * The open image and the links of a tracked sequence email. A link that is not signed, or names no email or a link the
 * email did not carry, gets a plain 404 and nothing is recorded; a click redirects only to the email's own link. Never
 * cached, so every open and click reaches leadflow.
 */
@RestController
@Hidden
class TrackingController {

    /** A transparent 1×1 GIF. */
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final EmailTracking tracking;

    TrackingController(EmailTracking tracking) {
        this.tracking = tracking;
    }

    @GetMapping("/track/{emailId}/open/{token}")
    ResponseEntity<byte[]> open(@PathVariable String emailId, @PathVariable String token, HttpServletRequest request) {
        if (!tracking.opened(emailId, token, fetch(request))) {
            return notFound();
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_GIF).body(PIXEL);
    }

    @GetMapping("/track/{emailId}/click/{index}/{token}")
    ResponseEntity<byte[]> click(@PathVariable String emailId, @PathVariable String index, @PathVariable String token,
                                 HttpServletRequest request) {
        return tracking.clicked(emailId, index, token, fetch(request))
                .map(url -> ResponseEntity.status(HttpStatus.FOUND).cacheControl(CacheControl.noStore())
                        .header("Referrer-Policy", "no-referrer").location(url).<byte[]>build())
                .orElseGet(TrackingController::notFound);
    }

    private static EmailTracking.Fetch fetch(HttpServletRequest request) {
        return new EmailTracking.Fetch(request.getHeader(HttpHeaders.USER_AGENT), "HEAD".equals(request.getMethod()));
    }

    private static ResponseEntity<byte[]> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("Not found".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
