-- A lead in the nurture track: the lead-nurture instance running for it since entered_at, until it left (back to MQL
-- or any other stage). A hand re-enrolment is kept, so a second one, or one for a lead not in nurture, is refused.
CREATE TABLE lead_nurture (
    lead_id        UUID PRIMARY KEY,
    nurture_key    BIGINT      NOT NULL,
    entered_at     TIMESTAMPTZ NOT NULL,
    re_enrolled_at TIMESTAMPTZ,
    re_enrolled_by TEXT,
    left_at        TIMESTAMPTZ
);
