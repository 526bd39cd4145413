package io.leadflow.sequence.internal;

import io.leadflow.email.MailOutbox;
import io.leadflow.email.RenderedEmail;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.PlatformProperties;
import io.leadflow.sequence.SequenceProperties;
import io.leadflow.sequence.internal.TrackedEmailRepository.TrackedEmail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens and clicks of sequence emails. A tracked email carries a one-pixel image and its links go through leadflow,
 * each URL signed with the email's id (and the link's index), and redirects only to a link the email carried. The
 * first human open and the first human click of an email go on the lead's timeline; repeats are counted; fetches by
 * mail-privacy proxies and link scanners (a known user agent, a HEAD request, or within seconds of the sending) are
 * counted apart. A lead's first human click of an email is a sign of interest: a nurtured lead goes back to MQL.
 */
@Component
public class EmailTracking {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final String OPEN = "open:";
    private static final String CLICK = "click:";
    private static final Logger log = LoggerFactory.getLogger(EmailTracking.class);

    private final TrackedEmailRepository emails;
    private final LinkSigner signer;
    private final MailOutbox outbox;
    private final Timeline timeline;
    private final LeadProcess process;
    private final Clock clock;
    private final SequenceProperties.Tracking settings;
    private final List<Pattern> machineUserAgents;
    private final String baseUrl;

    EmailTracking(TrackedEmailRepository emails, LinkSigner signer, MailOutbox outbox, Timeline timeline, LeadProcess process,
                  Clock clock, SequenceProperties settings, PlatformProperties platform) {
        this.emails = emails;
        this.signer = signer;
        this.outbox = outbox;
        this.timeline = timeline;
        this.process = process;
        this.clock = clock;
        this.settings = settings.tracking();
        this.machineUserAgents = this.settings.machineUserAgents().stream()
                .map(agent -> Pattern.compile(agent, Pattern.CASE_INSENSITIVE)).toList();
        this.baseUrl = platform.baseUrl();
    }

    /** An email as the sequence queues it: under its outbox key, for a lead's step, with a template and its variant. */
    public record Sent(String outboxKey, UUID leadId, int round, int step, String template, String variant) {
    }

    /**
     * The email with its links (all but the unsubscribe link) going through leadflow and the open image added, in
     * the HTML and the text part; stored once per outbox key, in the caller's transaction. With tracking off, as it was.
     */
    public RenderedEmail track(Sent sent, RenderedEmail mail, String unsubscribeUrl) {
        if (!settings.enabled()) {
            return mail;
        }
        // Named by the outbox key: a redelivered job renders the same links as the email stored the first time.
        UUID id = UUID.nameUUIDFromBytes(sent.outboxKey().getBytes(StandardCharsets.UTF_8));
        List<String> links = new ArrayList<>();
        Matcher hrefs = HREF.matcher(mail.htmlBody());
        while (hrefs.find()) {
            String url = HtmlUtils.htmlUnescape(hrefs.group(1));
            if (!url.equals(unsubscribeUrl) && !links.contains(url)) {
                links.add(url);
            }
        }
        Map<String, String> tracked = new LinkedHashMap<>();
        for (int index = 0; index < links.size(); index++) {
            tracked.put(links.get(index), baseUrl + "/track/" + id + "/click/" + index + "/" + signer.sign(CLICK + id + ":" + index));
        }
        String html = hrefs.replaceAll(href -> {
            String url = HtmlUtils.htmlUnescape(href.group(1));
            return Matcher.quoteReplacement(tracked.containsKey(url) ? "href=\"" + HtmlUtils.htmlEscape(tracked.get(url)) + "\"" : href.group());
        });
        String openImage = "<img src=\"" + HtmlUtils.htmlEscape(baseUrl + "/track/" + id + "/open/" + signer.sign(OPEN + id))
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"border:0;width:1px;height:1px\">";
        html = html.replace("</body>", openImage + "\n</body>");
        String text = mail.textBody();
        for (Map.Entry<String, String> link : tracked.entrySet()) {
            text = text.replace(link.getKey(), link.getValue());
        }
        emails.insertIfNew(new TrackedEmail(id, sent.outboxKey(), sent.leadId(), sent.step(), sent.template(), sent.variant(), links),
                sent.round(), clock.instant());
        return new RenderedEmail(mail.subject(), text, html);
    }

    /** Who fetched a tracking link: its user agent, and whether it asked with HEAD (a browser never does for a click). */
    public record Fetch(String userAgent, boolean head) {
    }

    /** Records an open of the email when the token is its open image's; false (nothing recorded) otherwise. */
    @Transactional
    public boolean opened(String emailId, String token, Fetch fetch) {
        return signed(emailId, token, id -> OPEN + id).map(email -> {
            if (settings.enabled()) {
                boolean machine = isMachine(email, fetch);
                if (emails.open(email.id(), machine, clock.instant()).first() && !machine) {
                    timeline.record(email.leadId(), Timeline.Type.EMAIL_OPENED, details(email, Map.of()));
                }
            }
            return true;
        }).orElse(false);
    }

    /** Records a click of the email's link and answers where it goes; empty (nothing recorded) for a link it did not carry. */
    @Transactional
    public Optional<URI> clicked(String emailId, String linkIndex, String token, Fetch fetch) {
        if (!linkIndex.matches("\\d{1,4}")) {
            return Optional.empty();
        }
        int index = Integer.parseInt(linkIndex);
        return signed(emailId, token, id -> CLICK + id + ":" + index).filter(email -> index < email.links().size()).map(email -> {
            String url = email.links().get(index);
            if (settings.enabled()) {
                boolean machine = isMachine(email, fetch);
                if (emails.click(email.id(), machine, clock.instant()).first() && !machine) {
                    timeline.record(email.leadId(), Timeline.Type.EMAIL_CLICKED, details(email, Map.of("url", url)));
                    engaged(email.leadId(), "Link clicked: " + url);
                }
            }
            return URI.create(url);
        });
    }

    /** Tells a nurtured lead's process of the sign; the lead is redirected all the same when the engine cannot be told. */
    private void engaged(UUID leadId, String sign) {
        try {
            process.engaged(leadId, sign);
        } catch (RuntimeException e) {
            log.warn("Could not tell lead {}'s process of its click: {}", leadId, e.getMessage());
        }
    }

    /** The tracked email the id names, when the token is the signature of what the link says. */
    private Optional<TrackedEmail> signed(String emailId, String token, java.util.function.Function<UUID, String> signedText) {
        UUID id;
        try {
            id = UUID.fromString(emailId);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        // The canonical form only: "0-0-0-0-0" parses too, and would sign as another text.
        if (!id.toString().equals(emailId) || !signer.isValid(signedText.apply(id), token)) {
            return Optional.empty();
        }
        return emails.find(id);
    }

    private boolean isMachine(TrackedEmail email, Fetch fetch) {
        if (fetch.head() || fetch.userAgent() == null || fetch.userAgent().isBlank()
                || machineUserAgents.stream().anyMatch(agent -> agent.matcher(fetch.userAgent()).find())) {
            return true;
        }
        Instant now = clock.instant();
        // Not sent yet, or only just: a proxy or scanner fetching on delivery, not the lead reading.
        return outbox.sentAt(email.outboxKey()).map(sent -> now.isBefore(sent.plus(settings.prefetchWindow()))).orElse(true);
    }

    private static Map<String, Object> details(TrackedEmail email, Map<String, Object> more) {
        Map<String, Object> details = new LinkedHashMap<>(SequenceEmailKey.place(email.step()));
        details.put("template", email.template());
        if (email.variant() != null) {
            details.put("variant", email.variant());
        }
        details.putAll(more);
        return details;
    }
}
