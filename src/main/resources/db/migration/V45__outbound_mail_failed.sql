-- A mail the server refused for good, or that kept failing past leadflow.mail.retry.give-up-after, is FAILED and
-- waits for a manager's retry. failing_since is the first failure of the current run of tries (cleared by a retry),
-- failed_at when it was given up.
alter table outbound_mail
    add column failing_since timestamptz,
    add column failed_at     timestamptz;

create index outbound_mail_failed on outbound_mail (failed_at) where status = 'FAILED';
