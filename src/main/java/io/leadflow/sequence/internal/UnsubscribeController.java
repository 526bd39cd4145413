package io.leadflow.sequence.internal;

import io.swagger.v3.oas.annotations.Hidden;
import io.leadflow.platform.ConflictException;
import io.leadflow.sequence.SequenceExits;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.util.Map;
import java.util.UUID;

/**
 * The link in every sequence email. POST is RFC 8058's one-click unsubscribe (mail clients send it
 * without the person seeing a page); GET shows a page with one button, since link scanners follow GETs.
 */
@RestController
@Hidden
class UnsubscribeController {

    private final UnsubscribeLinks links;
    private final SequenceExits exits;

    UnsubscribeController(UnsubscribeLinks links, SequenceExits exits) {
        this.links = links;
        this.exits = exits;
    }

    @GetMapping(path = "/unsubscribe/{leadId}/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirm(@PathVariable UUID leadId, @PathVariable String token) {
        if (!links.isValid(leadId, token)) {
            return page(HttpStatus.NOT_FOUND, "This unsubscribe link is not valid.");
        }
        String action = "/unsubscribe/" + leadId + "/" + HtmlUtils.htmlEscape(token);
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Unsubscribe</title></head>
                <body><form method="post" action="%s">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <p>Stop receiving these emails?</p><button type="submit">Unsubscribe</button></form></body></html>
                """.formatted(action));
    }

    @PostMapping(path = "/unsubscribe/{leadId}/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> unsubscribe(@PathVariable UUID leadId, @PathVariable String token) {
        if (!links.isValid(leadId, token)) {
            return page(HttpStatus.NOT_FOUND, "This unsubscribe link is not valid.");
        }
        try {
            exits.exit(leadId, SequenceExits.Exit.UNSUBSCRIBED, Map.of("via", "one-click link"));
        } catch (ConflictException noAddress) {
            return page(HttpStatus.CONFLICT, "There is no email address to unsubscribe.");
        }
        return page(HttpStatus.OK, "You are unsubscribed. You will not receive these emails again.");
    }

    private static ResponseEntity<String> page(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
                .body("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body><p>"
                        + message + "</p></body></html>");
    }
}
