package io.leadflow.sequence;

import io.leadflow.WithoutInfrastructure;
import io.leadflow.assignment.FirstAttemptSla;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.calendar.BusinessHoursCalendar;
import io.leadflow.email.EmailLeads;
import io.leadflow.email.EmailRenderer;
import io.leadflow.email.EmailTemplateCatalog;
import io.leadflow.email.InboundMail;
import io.leadflow.email.MailOutbox;
import io.leadflow.email.ReplyIntent;
import io.leadflow.engine.ProcessEngine;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.LeadType;
import io.leadflow.lead.Leads;
import io.leadflow.lead.StageLeft;
import io.leadflow.lead.StageMove;
import io.leadflow.lead.Timeline;
import io.leadflow.process.SequenceProcess;
import io.leadflow.sequence.internal.MailboxPacing;
import io.leadflow.sequence.internal.EmailTracking;
import io.leadflow.sequence.internal.LinkSigner;
import io.leadflow.sequence.internal.SequenceAttemptRepository;
import io.leadflow.sequence.internal.TrackedEmailRepository;
import io.leadflow.sequence.internal.SequenceOutcomeRepository;
import io.leadflow.sequence.internal.SequencePauseRepository;
import io.leadflow.sequence.internal.SoftBounces;
import io.leadflow.sequence.internal.SuppressionList;
import io.leadflow.sequence.internal.UnsubscribeLinks;
import io.leadflow.tasklist.RepTask;
import io.leadflow.tasklist.RepTaskService;
import io.leadflow.tasklist.RepTaskService.RepTaskClosed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import static io.leadflow.MockCalls.called;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The sequence module on its own, without PostgreSQL or engine (its neighbours, its tables and the planning and sending
 * not tested here are mocked): what a lead's reply means decides how its sequence ends; a rep's task closed settles its
 * attempt, and a first contact closed tells the process; a lead leaving stage LEAD leaves the nurture track.
 */
@ApplicationModuleTest(webEnvironment = WebEnvironment.NONE)
@WithoutInfrastructure
@MockitoBean(types = {SequencePlanner.class, SequenceStats.class, SequenceOutcomeRepository.class,
        SequencePauseRepository.class, UnsubscribeLinks.class, MailboxPacing.class, LinkSigner.class, EmailTracking.class,
        TrackedEmailRepository.class, EmailTemplateCatalog.class, EmailRenderer.class,
        MailOutbox.class, EmailLeads.class, RepDirectory.class, RepTaskService.class})
class SequenceModuleTest {

    private static final UUID LEAD = UUID.fromString("0b7e6c3a-4f1d-4a8e-9c55-2d3f4a5b6c7d");
    private static final String EMAIL = "laura.smith@acme.com";
    private static final Instant NOW = Instant.parse("2027-01-11T15:00:00Z");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @MockitoBean
    Leads leads;
    @MockitoBean
    SuppressionList suppressions;
    @MockitoBean
    ProcessEngine engine;
    @MockitoBean
    Timeline timeline;
    @MockitoBean
    SequencePauses pauses;
    @MockitoBean
    SoftBounces softBounces;
    @MockitoBean
    SequenceAttemptRepository attempts;
    @MockitoBean
    FirstAttemptSla firstAttemptSla;
    @MockitoBean
    BusinessHoursCalendar calendar;
    @MockitoBean
    Clock clock;
    /** The nurture track's table. */
    @MockitoBean
    JdbcClient jdbc;

    private final ApplicationEventPublisher events;
    private final SequenceExits exits;

    SequenceModuleTest(ApplicationEventPublisher events, SequenceExits exits) {
        this.events = events;
        this.exits = exits;
    }

    @BeforeEach
    void theLeadIsKnown() {
        LeadFacts facts = new LeadFacts(EMAIL, null, "Laura", "Smith", "CMO", "Acme", "acme.com", 500, "telecom", "US",
                "America/New_York", "en", "ebook", null);
        when(leads.get(LEAD)).thenReturn(new Lead(LEAD, LeadType.FORM_FILL, facts, null, LeadStage.MQL, 80, List.of(), Map.of(), "ben", null, null));
        when(clock.instant()).thenReturn(NOW);
    }

    @Test
    void aFirstContactMadeInTimeSettlesItsAttemptAndTellsTheProcess(Scenario scenario) {
        Instant planned = NOW.minus(Duration.ofHours(2));
        when(attempts.of(LEAD)).thenReturn(List.of(new SequenceAttempt(1, Channel.CALL, planned, NOW.plus(Duration.ofHours(2)),
                SequenceAttempt.Status.PLANNED, null)));
        when(calendar.workingTimeBetween(planned, NOW, "US", NEW_YORK)).thenReturn(Duration.ofMinutes(90));

        scenario.publish(new RepTaskClosed(LEAD, 1, SequenceProcess.FIRST_CONTACT_TASK, RepTask.Status.COMPLETED,
                        Map.of("outcome", "CONNECTED")))
                .andWaitForStateChange(() -> called(engine, "publishMessage"))
                .andVerify(told -> {
                    verify(attempts).made(LEAD, 1, "CONNECTED", NOW, 1.5);
                    verify(firstAttemptSla).met();
                    verify(engine).publishMessage(SequenceProcess.FIRST_CONTACT_CLOSED, LEAD.toString(),
                            new SequenceProcess.FirstContactClosed("COMPLETED"));
                });
    }

    @Test
    void aLeadLeavingStageLeadEndsItsStayInNurture(Scenario scenario) {
        JdbcClient.StatementSpec statement = mock(JdbcClient.StatementSpec.class, RETURNS_SELF);
        when(jdbc.sql(anyString())).thenReturn(statement);

        scenario.publish(new StageLeft(LEAD, new StageMove(LeadStage.LEAD, NOW.minus(Duration.ofDays(30)), "no answer after the sequence", null),
                        new StageMove(LeadStage.MQL, NOW, "lead-fit: score 80", "lead-identify v2"), "US", NEW_YORK))
                .andWaitForStateChange(() -> called(statement, "update"))
                .andVerify(updated -> {
                    verify(jdbc).sql(startsWith("update lead_nurture set left_at"));
                    verify(statement).params(Timestamp.from(NOW), LEAD);
                });
    }

    @Test
    void aCallTaskWithdrawnSkipsItsAttempt(Scenario scenario) {
        scenario.publish(new RepTaskClosed(LEAD, 3, "Task_Call", RepTask.Status.CANCELLED, Map.of()))
                .andWaitForStateChange(() -> called(attempts, "update"))
                .andVerify(skipped -> {
                    verify(attempts).update(LEAD, 3, SequenceAttempt.Status.SKIPPED, "not-done", NOW);
                    verify(engine, never()).publishMessage(any(), any(), any());
                });
    }

    @Test
    void aReplyAskingToStopUnsubscribesTheLeadAsTheOneClickLinkDoes() {
        // The database keeps one UNSUBSCRIBED event per lead: the second unsubscribe finds the first.
        when(timeline.recordOnce(eq(LEAD), eq(Timeline.Type.UNSUBSCRIBED), any())).thenReturn(true, false);

        events.publishEvent(reply(ReplyIntent.UNSUBSCRIBE_REQUEST, "remove me from"));
        exits.exit(LEAD, SequenceExits.Exit.UNSUBSCRIBED, Map.of("via", "one-click link"));

        // The reply and the link take one path: the address suppressed, the exit sent once, as an unsubscribe.
        verify(suppressions, times(2)).suppress(EMAIL, SuppressionList.Reason.UNSUBSCRIBED);
        verify(engine).publishMessage(SequenceProcess.SEQUENCE_EXIT, LEAD.toString(), new SequenceProcess.Exit("UNSUBSCRIBED"));
        verify(engine, never()).publishMessage(any(), any(), any(SequenceProcess.ReplyExit.class));
        verify(timeline).recordOnce(LEAD, Timeline.Type.UNSUBSCRIBED, Map.of("messageId", "<r1@acme.com>", "subject", "Re: Laura, a quick question",
                "replyIntent", "UNSUBSCRIBE_REQUEST", "intentPhrase", "remove me from", "via", "reply", "exit", "UNSUBSCRIBED"));
    }

    @ParameterizedTest
    @EnumSource(value = ReplyIntent.class, names = "UNSUBSCRIBE_REQUEST", mode = EnumSource.Mode.EXCLUDE)
    void anyOtherReplyEndsTheSequenceAsRepliedWithWhatItMeans(ReplyIntent intent) {
        events.publishEvent(reply(intent, null));

        verify(engine).publishMessage(SequenceProcess.SEQUENCE_EXIT, LEAD.toString(), new SequenceProcess.ReplyExit("REPLIED", intent.name(), null, null));
        verify(suppressions, never()).suppress(any(), any());
        verify(timeline).record(LEAD, Timeline.Type.REPLIED, Map.of("messageId", "<r1@acme.com>", "subject", "Re: Laura, a quick question",
                "replyIntent", intent.name(), "exit", "REPLIED"));
    }

    @Test
    void anOutOfOfficeReplyPausesTheSequenceUntilTheLeadIsBack() {
        LocalDate back = LocalDate.of(2027, 1, 14);
        when(pauses.pauseWhileAway(eq(LEAD), eq(back), anyMap())).thenReturn(Optional.of(new SequencePauses.Schedule(back.plusDays(1), List.of())));

        events.publishEvent(automatic(InboundMail.Kind.OUT_OF_OFFICE, back));

        verify(pauses).pauseWhileAway(LEAD, back, Map.of("messageId", "<a1@acme.com>", "subject", "Out of office",
                "reason", "OUT_OF_OFFICE", "returnsOn", "2027-01-14"));
        verify(engine, never()).publishMessage(any(), any(), any());
        verify(timeline, never()).record(any(), any(), any());
    }

    @Test
    void anOutOfOfficeReplyThatPausesNothingOrAnotherAutomaticReplyIsOnlyNoted() {
        when(pauses.pauseWhileAway(eq(LEAD), any(), anyMap())).thenReturn(Optional.empty());

        events.publishEvent(automatic(InboundMail.Kind.OUT_OF_OFFICE, null));
        events.publishEvent(automatic(InboundMail.Kind.AUTO_REPLY, null));

        verify(timeline).record(LEAD, Timeline.Type.AUTO_REPLY_IGNORED, Map.of("messageId", "<a1@acme.com>", "subject", "Out of office",
                "reason", "OUT_OF_OFFICE"));
        verify(timeline).record(LEAD, Timeline.Type.AUTO_REPLY_IGNORED, Map.of("messageId", "<a1@acme.com>", "subject", "Out of office"));
        verify(engine, never()).publishMessage(any(), any(), any());
        verify(suppressions, never()).suppress(any(), any());
    }

    @Test
    void softBouncesGoOnUntilTheLimitWhichCountsAsAHardBounce() {
        when(softBounces.record(eq(LEAD), any(), eq("4.2.2"))).thenReturn(OptionalInt.of(1), OptionalInt.empty(), OptionalInt.of(3));

        events.publishEvent(bounce(InboundMail.Kind.SOFT_BOUNCE, "<s1@leadflow.local>", "4.2.2"));
        events.publishEvent(bounce(InboundMail.Kind.SOFT_BOUNCE, "<s1@leadflow.local>", "4.2.2"));
        verify(engine, never()).publishMessage(any(), any(), any());
        verify(timeline).record(LEAD, Timeline.Type.SOFT_BOUNCE_IGNORED, Map.of("messageId", "<b1@acme.com>", "subject", "Undelivered",
                "deliveryStatus", "4.2.2", "softBounceLimit", 3, "softBounces", 1));
        verify(timeline).record(LEAD, Timeline.Type.SOFT_BOUNCE_IGNORED, Map.of("messageId", "<b1@acme.com>", "subject", "Undelivered",
                "deliveryStatus", "4.2.2", "softBounceLimit", 3));

        events.publishEvent(bounce(InboundMail.Kind.SOFT_BOUNCE, "<s3@leadflow.local>", "4.2.2"));

        verify(suppressions).suppress(EMAIL, SuppressionList.Reason.BOUNCED);
        verify(engine).publishMessage(SequenceProcess.SEQUENCE_EXIT, LEAD.toString(), new SequenceProcess.Exit("BOUNCED"));
    }

    @Test
    void aHardBounceEndsTheSequenceAndSuppressesTheAddress() {
        events.publishEvent(bounce(InboundMail.Kind.HARD_BOUNCE, "<s1@leadflow.local>", "5.1.1"));

        verify(suppressions).suppress(EMAIL, SuppressionList.Reason.BOUNCED);
        verify(engine).publishMessage(SequenceProcess.SEQUENCE_EXIT, LEAD.toString(), new SequenceProcess.Exit("BOUNCED"));
        verify(timeline).record(LEAD, Timeline.Type.BOUNCED, Map.of("messageId", "<b1@acme.com>", "subject", "Undelivered",
                "deliveryStatus", "5.1.1", "exit", "BOUNCED"));
        verify(softBounces, never()).record(any(), any(), any());
    }

    private static InboundMail reply(ReplyIntent intent, String phrase) {
        return new InboundMail(LEAD, InboundMail.Kind.REPLY, "<r1@acme.com>", "Re: Laura, a quick question", intent, phrase,
                null, "<s1@leadflow.local>", null, null);
    }

    private static InboundMail automatic(InboundMail.Kind kind, LocalDate returnsOn) {
        return new InboundMail(LEAD, kind, "<a1@acme.com>", "Out of office", null, null, null, "<s1@leadflow.local>", returnsOn, null);
    }

    private static InboundMail bounce(InboundMail.Kind kind, String sent, String status) {
        return new InboundMail(LEAD, kind, "<b1@acme.com>", "Undelivered", null, null, null, sent, null, status);
    }
}
