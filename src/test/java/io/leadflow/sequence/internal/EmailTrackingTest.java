package io.leadflow.sequence.internal;

import io.leadflow.email.MailOutbox;
import io.leadflow.email.RenderedEmail;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.GeneratedSecrets;
import io.leadflow.platform.MovableClock;
import io.leadflow.platform.PlatformProperties;
import io.leadflow.sequence.SequenceProperties;
import io.leadflow.sequence.internal.TrackedEmailRepository.Counted;
import io.leadflow.sequence.internal.TrackedEmailRepository.TrackedEmail;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** How a sequence email's links are tracked, and which fetches count as the lead's (the database's part is in EmailTrackingIT). */
class EmailTrackingTest {

    private static final Instant SENT = Instant.parse("2026-12-01T14:00:00Z");
    private static final String KEY = "sequence:lead:2";
    private static final UUID EMAIL = UUID.nameUUIDFromBytes(KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final UUID LEAD = UUID.randomUUID();
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private static final String UNSUBSCRIBE = "https://leadflow.example/unsubscribe/x/y";

    private final TrackedEmailRepository emails = mock(TrackedEmailRepository.class);
    private final MailOutbox outbox = mock(MailOutbox.class);
    private final Timeline timeline = mock(Timeline.class);
    private final LeadProcess process = mock(LeadProcess.class);
    private final MovableClock clock = new MovableClock(Clock.fixed(SENT, ZoneOffset.UTC));
    private final LinkSigner signer = signer();

    @Test
    void theLinksButUnsubscribeGoThroughLeadflowInBothPartsAndTheHtmlGetsTheOpenImage() {
        RenderedEmail mail = new RenderedEmail("Hola", "Guide: https://example.com/a?x=1&y=2\nUnsubscribe: " + UNSUBSCRIBE,
                "<html><body>\n<p>Guide: <a href=\"https://example.com/a?x=1&amp;y=2\">https://example.com/a?x=1&amp;y=2</a><br>\n"
                        + "Unsubscribe: <a href=\"" + UNSUBSCRIBE + "\">" + UNSUBSCRIBE + "</a></p>\n</body></html>");

        RenderedEmail tracked = tracking(true).track(new EmailTracking.Sent(KEY, LEAD, 1, 2, "any__any__awareness.es.ftl", "b"), mail, UNSUBSCRIBE);

        String click = "https://leadflow.example/track/" + EMAIL + "/click/0/" + signer.sign("click:" + EMAIL + ":0");
        String open = "https://leadflow.example/track/" + EMAIL + "/open/" + signer.sign("open:" + EMAIL);
        assertThat(tracked.textBody()).isEqualTo("Guide: " + click + "\nUnsubscribe: " + UNSUBSCRIBE);
        assertThat(tracked.htmlBody()).contains("<a href=\"" + click + "\">https://example.com/a?x=1&amp;y=2</a>")
                .contains("<a href=\"" + UNSUBSCRIBE + "\">").contains("<img src=\"" + open + "\" width=\"1\" height=\"1\"");
        ArgumentCaptor<TrackedEmail> stored = ArgumentCaptor.forClass(TrackedEmail.class);
        verify(emails).insertIfNew(stored.capture(), eq(1), eq(SENT));
        assertThat(stored.getValue().links()).containsExactly("https://example.com/a?x=1&y=2");
        assertThat(stored.getValue().variant()).isEqualTo("b");
    }

    @Test
    void withTrackingOffTheEmailIsAsItWasAndAnEarlierLinkStillGoesWhereItPointedRecordingNothing() {
        RenderedEmail mail = new RenderedEmail("Hola", "https://example.com/a", "<html><body><a href=\"https://example.com/a\">x</a></body></html>");
        EmailTracking off = tracking(false);
        assertThat(off.track(new EmailTracking.Sent(KEY, LEAD, 1, 2, "t.ftl", null), mail, UNSUBSCRIBE)).isSameAs(mail);
        stored();

        assertThat(off.clicked(EMAIL.toString(), "0", signer.sign("click:" + EMAIL + ":0"), new EmailTracking.Fetch(BROWSER, false)))
                .hasValue(java.net.URI.create("https://example.com/a"));
        verify(emails, never()).click(any(), anyBoolean(), any());
    }

    @Test
    void aProxyAScannerAHeadRequestOrAFetchOnDeliveryIsAMachineAndALaterBrowserIsTheLead() {
        EmailTracking tracking = tracking(true);
        stored();
        when(outbox.sentAt(KEY)).thenReturn(Optional.of(SENT));
        when(emails.open(eq(EMAIL), anyBoolean(), any())).thenReturn(new Counted(1));
        String token = signer.sign("open:" + EMAIL);

        clock.advance(Duration.ofSeconds(3));
        tracking.opened(EMAIL.toString(), token, new EmailTracking.Fetch(BROWSER, false));
        clock.advance(Duration.ofMinutes(5));
        tracking.opened(EMAIL.toString(), token, new EmailTracking.Fetch(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", false));
        tracking.opened(EMAIL.toString(), token, new EmailTracking.Fetch("Mozilla/5.0 (compatible; Barracuda)", false));
        tracking.opened(EMAIL.toString(), token, new EmailTracking.Fetch(BROWSER, true));
        tracking.opened(EMAIL.toString(), token, new EmailTracking.Fetch(null, false));
        verify(emails, never()).open(any(), eq(false), any());
        verify(timeline, never()).record(any(), any(), any());

        tracking.opened(EMAIL.toString(), token, new EmailTracking.Fetch(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", false));
        verify(emails).open(EMAIL, false, SENT.plus(Duration.ofSeconds(303)));
        verify(timeline).record(eq(LEAD), eq(Timeline.Type.EMAIL_OPENED), any());
    }

    @Test
    void aFetchBeforeTheEmailWentOutIsNotTheLeads() {
        EmailTracking tracking = tracking(true);
        stored();
        when(outbox.sentAt(KEY)).thenReturn(Optional.empty());
        when(emails.open(eq(EMAIL), anyBoolean(), any())).thenReturn(new Counted(0));
        clock.advance(Duration.ofHours(1));
        assertThat(tracking.opened(EMAIL.toString(), signer.sign("open:" + EMAIL), new EmailTracking.Fetch(BROWSER, false))).isTrue();
        verify(emails).open(eq(EMAIL), eq(true), any());
    }

    @Test
    void theLeadsFirstClickIsASignThatTakesANurturedLeadBack() {
        EmailTracking tracking = tracking(true);
        stored();
        when(outbox.sentAt(KEY)).thenReturn(Optional.of(SENT));
        when(emails.click(eq(EMAIL), anyBoolean(), any())).thenReturn(new Counted(1), new Counted(2));
        String token = signer.sign("click:" + EMAIL + ":0");
        clock.advance(Duration.ofMinutes(5));

        tracking.clicked(EMAIL.toString(), "0", token, new EmailTracking.Fetch(BROWSER, false));
        tracking.clicked(EMAIL.toString(), "0", token, new EmailTracking.Fetch(BROWSER, false));
        verify(process).engaged(LEAD, "Link clicked: https://example.com/a");
    }

    @Test
    void aClickTheEngineCannotBeToldOfStillRedirects() {
        EmailTracking tracking = tracking(true);
        stored();
        when(outbox.sentAt(KEY)).thenReturn(Optional.of(SENT));
        when(emails.click(eq(EMAIL), anyBoolean(), any())).thenReturn(new Counted(1));
        doThrow(new IllegalStateException("engine away")).when(process).engaged(any(), any());
        clock.advance(Duration.ofMinutes(5));

        assertThat(tracking.clicked(EMAIL.toString(), "0", signer.sign("click:" + EMAIL + ":0"), new EmailTracking.Fetch(BROWSER, false)))
                .hasValue(java.net.URI.create("https://example.com/a"));
    }

    private void stored() {
        when(emails.find(EMAIL)).thenReturn(Optional.of(new TrackedEmail(EMAIL, KEY, LEAD, 2, "t.ftl", null, List.of("https://example.com/a"))));
    }

    private EmailTracking tracking(boolean enabled) {
        return new EmailTracking(emails, signer, outbox, timeline, process, clock, settings(enabled), new PlatformProperties("https://leadflow.example", null));
    }

    private static SequenceProperties settings(boolean enabled) {
        return StepVariantsTest.settings(java.util.Map.of(), new SequenceProperties.Tracking(enabled, Duration.ofSeconds(10),
                List.of("GoogleImageProxy", "^Mozilla/5\\.0 \\(Macintosh; Intel Mac OS X [0-9_]+\\) AppleWebKit/[0-9.]+ \\(KHTML.{1,2}like Gecko\\)$",
                        "Barracuda")));
    }

    private static LinkSigner signer() {
        GeneratedSecrets secrets = mock(GeneratedSecrets.class);
        when(secrets.require(any(), any())).thenReturn("test-links-secret");
        return new LinkSigner(settings(true), secrets);
    }
}
