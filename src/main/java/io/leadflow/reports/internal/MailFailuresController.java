package io.leadflow.reports.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.platform.ApiDocumentation;
import io.leadflow.email.MailOutbox;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The mails leadflow gave up sending (managers only, see SecurityConfiguration), and their retry once the cause is fixed. */
@RestController
@Tag(name = ApiDocumentation.REPORTS)
@RequestMapping("/api/reports/mail-failures")
class MailFailuresController {

    /** As many as the incidents list: a page to act on, the total counts them all. */
    static final int LISTED = 500;
    /** The outbox's key column. */
    private static final int KEY_LENGTH = 200;

    record MailFailuresReport(long failed, List<MailOutbox.FailedMail> mails) implements CsvTable {

        @Override
        public List<String> csvHeader() {
            return List.of("idempotencyKey", "leadId", "recipient", "subject", "error", "failedAt", "attempts");
        }

        @Override
        public List<List<?>> csvRows() {
            return mails.stream().<List<?>>map(m -> Arrays.asList(m.idempotencyKey(), m.leadId(), m.recipient(),
                    m.subject(), m.error(), m.failedAt(), m.attempts())).toList();
        }
    }

    /** A retry made: the mail is back in the outbox and goes now. */
    record Retried(String idempotencyKey, UUID leadId, String recipient, String subject, String by, Instant at) {
    }

    private final MailOutbox outbox;
    private final MailFailures failures;
    private final Reports reports;
    private final Clock clock;

    MailFailuresController(MailOutbox outbox, MailFailures failures, Reports reports, Clock clock) {
        this.outbox = outbox;
        this.failures = failures;
        this.reports = reports;
        this.clock = clock;
    }

    @Operation(summary = "Mails given up, newest first (the latest 500; failed counts them all): the server refused them "
            + "for good (5xx) or they kept failing for leadflow.mail.retry.give-up-after; lead, recipient, subject, the "
            + "server's last answer, when and after how many attempts; with from, to, team, rep, source or type, those given "
            + "up in the period about those leads")
    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, CsvReports.TEXT_CSV_VALUE})
    MailFailuresReport failed(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                              @ParameterObject Reports.Filters filters) {
        ApiPeriod period = ApiPeriod.of(from, to, LocalDate.EPOCH, clock);
        MailOutbox.Failed failed = outbox.failed(LISTED, period.start(), period.end(), reports.select(filters));
        return new MailFailuresReport(failed.total(), failed.mails());
    }

    @Operation(summary = "Send a given-up mail again once its cause is fixed: it goes back in the outbox to go now (its "
            + "attempts kept) and the lead's timeline says who did. 404 for an unknown key, 409 for a mail not FAILED "
            + "(waiting to go, retried already or sent)")
    @PostMapping(value = "/{idempotencyKey}/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Retried retry(@PathVariable String idempotencyKey, Authentication manager) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > KEY_LENGTH) {
            throw new InvalidRequestException("No such mail",
                    List.of(new FieldError("idempotencyKey", "must be a mail's key, at most " + KEY_LENGTH + " characters")));
        }
        MailOutbox.FailedMail mail = failures.retry(idempotencyKey, manager.getName());
        return new Retried(mail.idempotencyKey(), mail.leadId(), mail.recipient(), mail.subject(), manager.getName(),
                clock.instant());
    }
}
