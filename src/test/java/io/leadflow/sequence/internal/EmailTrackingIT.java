package io.leadflow.sequence.internal;

import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens and clicks of a sequence email as the lead makes them: the mail read from the mail server, its image and link
 * fetched over HTTP. Each is on the timeline once and counted each time; a mail-privacy proxy's fetch is counted
 * apart; a link leadflow did not sign, or one the email did not carry, gets a plain 404 and records nothing.
 */
class EmailTrackingIT extends LeadflowIntegrationTest {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    private static final String GOOGLE_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
    private static final Pattern OPEN_IMAGE = Pattern.compile("<img src=\"([^\"]*/track/[^\"]*/open/[^\"]*)\"");
    private static final Pattern CLICK_LINK = Pattern.compile("href=\"([^\"]*/track/[^\"]*/click/[^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    LinkSigner signer;

    @Test
    void anOpenAndAClickAreOnTheTimelineOnceAndCountedEachTimeAndAProxyPrefetchApart() throws Exception {
        TrackedMail mail = trackedFollowUp("Olga");
        LeadAfterMissedCall lead = mail.lead();
        String openUrl = mail.openUrl();
        String clickUrl = mail.clickUrl();
        // The lead is Spanish-speaking: the awareness guide in Spanish.
        String content = "https://example.com/recursos/guia-retorno-marketing";
        // The text part's link goes through leadflow too; the unsubscribe link does not.
        assertThat(part(lead.followUp(), "text/plain")).contains(clickUrl.substring(clickUrl.indexOf("/track/")))
                .doesNotContain(content).contains("/unsubscribe/" + lead.id() + "/");

        // Gmail's image proxy fetches the image as the mail arrives: counted, but not as the lead's open.
        HttpResponse<byte[]> prefetched = get(openUrl, GOOGLE_PROXY);
        assertThat(prefetched.statusCode()).isEqualTo(200);
        assertThat(prefetched.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(counts(lead.id())).containsEntry("opens", 0).containsEntry("machine_opens", 1);
        assertThat(timelineTypes(lead.id())).doesNotContain("EMAIL_OPENED");

        // Later, the lead reads it twice and follows the link twice.
        engineClock.advance(Duration.ofMinutes(2));
        assertThat(get(openUrl, BROWSER).statusCode()).isEqualTo(200);
        assertThat(get(openUrl, BROWSER).statusCode()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> click = get(clickUrl, BROWSER);
            assertThat(click.statusCode()).isEqualTo(302);
            assertThat(click.headers().firstValue("Location")).hasValue(content);
        }

        assertThat(counts(lead.id())).containsEntry("opens", 2).containsEntry("machine_opens", 1)
                .containsEntry("clicks", 2).containsEntry("machine_clicks", 0);
        assertThat(timelineTypes(lead.id()).stream().filter("EMAIL_OPENED"::equals)).hasSize(1);
        assertThat(timelineTypes(lead.id()).stream().filter("EMAIL_CLICKED"::equals)).hasSize(1);
        assertThat(timeline(lead.id(), "EMAIL_CLICKED").getFirst().at("/details/url").asText()).isEqualTo(content);
    }

    @Test
    void aTamperedUnknownOrNotCarriedLinkGetsAPlain404AndRecordsNothing() throws Exception {
        TrackedMail mail = trackedFollowUp("Pia");
        String openUrl = mail.openUrl();
        UUID email = UUID.fromString(openUrl.replaceFirst(".*/track/([^/]+)/open/.*", "$1"));
        engineClock.advance(Duration.ofMinutes(2));

        List<String> refused = new ArrayList<>(List.of(
                tampered(openUrl), tampered(mail.clickUrl()),
                // Index 0's signature on another index, and a link signed as leadflow would, but the email did not carry.
                mail.clickUrl().replace("/click/0/", "/click/1/"),
                base() + "/track/" + email + "/click/7/" + signer.sign("click:" + email + ":7"),
                // Not signed, the id in another spelling (it would sign as other text), not an id, not an index.
                base() + "/track/" + UUID.randomUUID() + "/open/x",
                openUrl.replace(email.toString(), email.toString().toUpperCase()),
                base() + "/track/not-an-id/click/0/x", mail.clickUrl().replace("/click/0/", "/click/-1/")));
        // An email leadflow never sent, signed as it would be.
        UUID unknown = UUID.randomUUID();
        refused.add(base() + "/track/" + unknown + "/open/" + signer.sign("open:" + unknown));
        for (String url : refused) {
            HttpResponse<byte[]> response = get(url, BROWSER);
            assertThat(response.statusCode()).as(url).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(url).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(response.headers().firstValue("Location")).as(url).isEmpty();
        }

        assertThat(counts(mail.lead().id())).containsEntry("opens", 0).containsEntry("machine_opens", 0)
                .containsEntry("clicks", 0).containsEntry("machine_clicks", 0);
        assertThat(timelineTypes(mail.lead().id())).doesNotContain("EMAIL_OPENED", "EMAIL_CLICKED");
    }

    /** A lead's follow-up email as the mail server holds it, with its open image's and its link's URLs. */
    private record TrackedMail(LeadAfterMissedCall lead, String openUrl, String clickUrl) {
    }

    private TrackedMail trackedFollowUp(String firstName) throws Exception {
        LeadAfterMissedCall lead = leadAfterMissedCall(firstName);
        String html = part(lead.followUp(), "text/html");
        return new TrackedMail(lead, local(first(OPEN_IMAGE, html)), local(first(CLICK_LINK, html)));
    }

    private Map<String, Object> counts(UUID leadId) {
        return jdbc.sql("select opens, machine_opens, clicks, machine_clicks from tracked_email where lead_id = ?")
                .param(leadId).query().singleRow();
    }

    private HttpResponse<byte[]> get(String url, String userAgent) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The link as this test's leadflow answers it (mails carry the configured base URL). */
    private String local(String url) {
        return base() + url.substring(url.indexOf("/track/")).replace("&amp;", "&");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** The same link with one character of its signature changed. */
    private static String tampered(String url) {
        char last = url.charAt(url.length() - 1);
        return url.substring(0, url.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static String first(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in %s", pattern, html).isTrue();
        return matcher.group(1);
    }
}
