package io.leadflow.sequence;

import io.leadflow.lead.LeadStage;
import io.leadflow.lead.StageLeft;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.ConflictException;
import io.leadflow.sequence.internal.LeadProcess;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * Which leads are in the nurture track (table {@code lead_nurture}): a lead enters when its lead-nurture starts and
 * leaves when it moves out of stage LEAD. A rep or a manager re-enrols a nurtured lead by hand once per stay: the
 * nurture ends as on any new sign, and the journey takes the lead back to MQL in a new sequence. A stay with a date (a
 * "not now" until a day, the rep's or the reply's) can have its date changed while it lasts.
 */
@Service
public class Nurtures {

    private final JdbcClient jdbc;
    private final LeadProcess process;
    private final Timeline timeline;
    private final Clock clock;

    Nurtures(JdbcClient jdbc, LeadProcess process, Timeline timeline, Clock clock) {
        this.jdbc = jdbc;
        this.process = process;
        this.timeline = timeline;
        this.clock = clock;
    }

    /**
     * The lead's nurture {@code nurtureKey} started, to end on {@code until} (null: on a sign only); the same one again
     * (a job delivered twice) changes nothing.
     */
    @Transactional
    public void entered(UUID leadId, long nurtureKey, LocalDate until) {
        jdbc.sql("""
                        insert into lead_nurture (lead_id, nurture_key, entered_at, nurture_until) values (?, ?, ?, ?)
                        on conflict (lead_id) do update set nurture_key = excluded.nurture_key, entered_at = excluded.entered_at,
                            nurture_until = excluded.nurture_until, re_enrolled_at = null, re_enrolled_by = null, left_at = null
                        where lead_nurture.nurture_key <> excluded.nurture_key
                        """)
                .params(leadId, nurtureKey, Timestamp.from(clock.instant()), until)
                .update();
    }

    /**
     * Moves the day the lead's nurture ends to {@code until}, as {@code by} asked: the journey starts the nurture again,
     * waiting until then.
     *
     * @throws NotNurturedUntilADate when the lead is not in nurture, its nurture has no date, or it was re-enrolled
     */
    @Transactional
    public void changeDate(UUID leadId, LocalDate until, String by) {
        LocalDate was = jdbc.sql("""
                        select nurture_until from lead_nurture
                        where lead_id = ? and left_at is null and re_enrolled_at is null and nurture_until is not null
                        for update
                        """)
                .param(leadId)
                .query(LocalDate.class)
                .optional()
                .orElseThrow(NotNurturedUntilADate::new);
        jdbc.sql("update lead_nurture set nurture_until = ? where lead_id = ?").params(until, leadId).update();
        timeline.record(leadId, Timeline.Type.NURTURE_DATE_CHANGED, Map.of("from", was.toString(), "until", until.toString(),
                "by", by));
        process.nurtureDateChanged(leadId, until);
    }

    /**
     * Takes the nurtured lead back to MQL, as {@code by} asked.
     *
     * @throws NotInNurture when the lead is not in nurture, or was re-enrolled already during this stay
     */
    @Transactional
    public void reEnrol(UUID leadId, String by) {
        int reEnrolled = jdbc.sql("""
                        update lead_nurture set re_enrolled_at = ?, re_enrolled_by = ?
                        where lead_id = ? and left_at is null and re_enrolled_at is null
                        """)
                .params(Timestamp.from(clock.instant()), by, leadId)
                .update();
        if (reEnrolled == 0) {
            throw new NotInNurture();
        }
        process.engaged(leadId, "Re-enrolled by " + by);
    }

    /**
     * A new sign from the lead, in words ("New form fill: ebook"): a nurture under way ends, and the journey takes the
     * lead back to MQL.
     */
    public void signalled(UUID leadId, String sign) {
        process.engaged(leadId, sign);
    }

    /** A re-enrolment of a lead not in nurture, or re-enrolled already: the page it was asked from was out of date. */
    public static final class NotInNurture extends ConflictException {

        public NotInNurture() {
            super("The lead is not in nurture, or was re-enrolled already");
        }
    }

    /** A date change for a lead not nurtured until a date (any more): the page it was asked from was out of date. */
    public static final class NotNurturedUntilADate extends ConflictException {

        public NotNurturedUntilADate() {
            super("The lead is not in nurture until a date, or was re-enrolled already");
        }
    }

    /** Leaving stage LEAD ends the lead's stay in nurture. */
    @EventListener
    void stageLeft(StageLeft left) {
        if (left.from().stage() == LeadStage.LEAD) {
            jdbc.sql("update lead_nurture set left_at = ? where lead_id = ? and left_at is null")
                    .params(Timestamp.from(clock.instant()), left.leadId())
                    .update();
        }
    }
}
