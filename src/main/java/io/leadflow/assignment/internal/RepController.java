package io.leadflow.assignment.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.platform.ApiDocumentation;
import io.leadflow.assignment.Rep;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.RepWorkload;
import io.leadflow.assignment.Team;
import io.leadflow.assignment.Person;
import io.leadflow.email.ConnectedMailboxes;
import io.leadflow.email.MailboxRequest;
import io.leadflow.platform.FieldError;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The directory for managers: reps with their team, availability, capacity and load; teams with their manager. */
@RestController
@Tag(name = ApiDocumentation.REPS)
class RepController {

    /** A rep as the API shows them. */
    record RepView(String username, String name, String email, String team, boolean active, boolean away,
                   LocalDate awayUntil, int monthlyCapacity, int assignedThisMonth) {

        static RepView of(RepWorkload workload) {
            Rep rep = workload.rep();
            return new RepView(rep.username(), rep.name(), rep.email(), rep.team(), rep.active(), rep.away(),
                    rep.awayUntil(), rep.monthlyCapacity(), workload.assignedThisMonth());
        }
    }

    record TeamRequest(String manager) {
    }

    private final RepDirectory directory;
    private final ConnectedMailboxes mailboxes;
    private final Validator validator;

    RepController(RepDirectory directory, ConnectedMailboxes mailboxes, Validator validator) {
        this.directory = directory;
        this.mailboxes = mailboxes;
        this.validator = validator;
    }

    @Operation(summary = "Every rep with team, availability, monthly capacity and the leads handed to them this month (UTC)")
    @GetMapping("/api/reps")
    List<RepView> reps() {
        return directory.workloads().stream().map(RepView::of).toList();
    }

    @Operation(summary = "One rep")
    @GetMapping("/api/reps/{username}")
    RepView rep(@PathVariable String username) {
        return directory.workload(username).map(RepView::of).orElseThrow(() -> new NotFoundException("No rep " + username));
    }

    @Operation(summary = "Sets a rep: name, email, team, active, away (optional), awayUntil (optional: the day an away rep "
            + "is back), monthlyCapacity and password (optional: a new sign-in password, 8 to 200 characters, never shown); "
            + "201 for a new rep")
    @PutMapping("/api/reps/{username}")
    ResponseEntity<RepView> save(@PathVariable String username, @RequestBody RepRequest request) {
        Rep rep = request.toRep(username, directory.teams().stream().map(Team::name).toList(), validator);
        boolean created = directory.save(rep);
        if (request.password() != null) {
            directory.setPassword(username, request.password());
        }
        RepView saved = rep(username);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(saved);
    }

    @Operation(summary = "A rep's mailbox: SMTP and IMAP servers, TLS modes and login, never the password; connected false "
            + "for the embedded server's default; failure: what failed at its last read (login refused, host unreachable, TLS)")
    @GetMapping("/api/reps/{username}/mailbox")
    ConnectedMailboxes.MailboxView mailbox(@PathVariable String username) {
        return mailboxes.find(username, person(username).email())
                .orElseThrow(() -> new NotFoundException("Rep " + username + " has no mailbox"));
    }

    @Operation(summary = "Connects a rep's own mailbox: address, smtpHost, smtpPort, smtpTls and imapHost, imapPort, imapTls "
            + "(NONE, STARTTLS or TLS), username (the address when left out) and password (an app password; stored "
            + "encrypted, never shown; left out: the saved one is kept). Sequence mail from the rep goes out through it "
            + "and leadflow reads its inbox for the leads' replies")
    @PutMapping("/api/reps/{username}/mailbox")
    ConnectedMailboxes.MailboxView saveMailbox(@PathVariable String username, @RequestBody MailboxRequest request) {
        person(username);
        return mailboxes.save(username, request);
    }

    @Operation(summary = "Tests a rep's mailbox: logs in to its SMTP and IMAP servers and answers what failed on each "
            + "(login refused, host unknown or unreachable, no answer in time, TLS failed); with a body, the mailbox as "
            + "given (its password left out: the saved one), else the rep's mailbox as it is")
    @PostMapping("/api/reps/{username}/mailbox/test")
    ConnectedMailboxes.ConnectionTest testMailbox(@PathVariable String username, @RequestBody(required = false) MailboxRequest request) {
        Person rep = person(username);
        return request != null ? mailboxes.test(username, request) : mailboxes.test(username, rep.email())
                .orElseThrow(() -> new NotFoundException("Rep " + username + " has no mailbox"));
    }

    @Operation(summary = "Disconnects a rep's own mailbox (the embedded server's default applies again where it runs)")
    @DeleteMapping("/api/reps/{username}/mailbox")
    ResponseEntity<Void> removeMailbox(@PathVariable String username) {
        person(username);
        return mailboxes.remove(username) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    private Person person(String username) {
        return directory.rep(username).orElseThrow(() -> new NotFoundException("No rep " + username));
    }

    @Operation(summary = "Every team with its manager")
    @GetMapping("/api/teams")
    List<Team> teams() {
        return directory.teams();
    }

    @Operation(summary = "Sets a team's manager (a manager's username, or null); 201 for a new team")
    @PutMapping("/api/teams/{name}")
    ResponseEntity<Team> saveTeam(@PathVariable String name, @RequestBody TeamRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (!RepRequest.NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", RepRequest.NAME_RULE));
        }
        if (request.manager() != null && !directory.isManager(request.manager())) {
            errors.add(new FieldError("manager", "is not a manager"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The team has fields at fault", errors);
        }
        Team team = new Team(name, request.manager());
        return ResponseEntity.status(directory.save(team) ? HttpStatus.CREATED : HttpStatus.OK).body(team);
    }
}
