package io.leadflow.assignment.internal;

import io.leadflow.assignment.PasswordRule;
import io.leadflow.assignment.Rep;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.RepWorkload;
import io.leadflow.assignment.Team;
import io.leadflow.email.ConnectedMailbox;
import io.leadflow.email.ConnectedMailboxes;
import io.leadflow.email.MailboxRequest;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.NotFoundException;
import io.leadflow.platform.PageController;
import io.leadflow.platform.PageMessage;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The managers' page of reps (security lets only managers in): availability, capacity and a new password, changed in
 * place.
 */
@PageController
@RequestMapping("/reps")
class RepsPage {

    /** A row of the page; {@code presentToday}: not away, or back by today. */
    public record RepRow(String username, String name, String team, boolean active, boolean away, String awayUntil,
                         int monthlyCapacity, int assignedThisMonth, boolean presentToday,
                         ConnectedMailboxes.MailboxView mailbox) {
    }

    private final RepDirectory directory;
    private final ConnectedMailboxes mailboxes;
    private final Clock clock;

    RepsPage(RepDirectory directory, ConnectedMailboxes mailboxes, Clock clock) {
        this.directory = directory;
        this.mailboxes = mailboxes;
        this.clock = clock;
    }

    @ModelAttribute("tlsModes")
    ConnectedMailbox.Tls[] tlsModes() {
        return ConnectedMailbox.Tls.values();
    }

    @ModelAttribute("passwordRule")
    PasswordRule passwordRule() {
        return PasswordRule.STANDARD;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("reps", rows());
        model.addAttribute("errors", List.of());
        return "reps/list";
    }

    @PostMapping("/{username}")
    ModelAndView save(@PathVariable String username, @RequestParam(defaultValue = "false") boolean active,
                      @RequestParam(defaultValue = "false") boolean away, @RequestParam(defaultValue = "") String awayUntil,
                      @RequestParam(defaultValue = "") String monthlyCapacity, @RequestParam(defaultValue = "") String password,
                      Model model, RedirectAttributes redirect) {
        Rep rep = rep(username);
        // An empty password field leaves the password as it is.
        String newPassword = password.isEmpty() ? null : password;
        try {
            directory.save(new RepRequest(rep.name(), rep.email(), rep.team(), active, away, awayUntil, wholeNumber(monthlyCapacity),
                    newPassword).toRep(username, directory.teams().stream().map(Team::name).toList()));
        } catch (InvalidRequestException e) {
            return withErrors(rep, e, model);
        }
        if (newPassword != null) {
            directory.setPassword(username, newPassword);
        }
        redirect.addFlashAttribute("flash", PageMessage.of(newPassword == null ? "reps.flash.saved" : "reps.flash.savedWithPassword", rep.name()));
        return new ModelAndView("redirect:/reps");
    }

    /** Connects the rep's own mailbox; an empty password field keeps the saved one. */
    @PostMapping("/{username}/mailbox")
    ModelAndView saveMailbox(@PathVariable String username, MailboxForm form, Model model, RedirectAttributes redirect) {
        Rep rep = rep(username);
        try {
            mailboxes.save(username, form.request());
        } catch (InvalidRequestException e) {
            return withErrors(rep, e, model);
        }
        redirect.addFlashAttribute("flash", PageMessage.of("reps.flash.mailboxSaved", rep.name()));
        return new ModelAndView("redirect:/reps");
    }

    /** Logs in to the mailbox's servers as the form gives it (the saved password when none is typed) and says how it went. */
    @PostMapping("/{username}/mailbox/test")
    ModelAndView testMailbox(@PathVariable String username, MailboxForm form, Model model, RedirectAttributes redirect) {
        Rep rep = rep(username);
        ConnectedMailboxes.ConnectionTest test;
        try {
            test = mailboxes.test(username, form.request());
        } catch (InvalidRequestException e) {
            return withErrors(rep, e, model);
        }
        redirect.addFlashAttribute("flash", test.ok() ? PageMessage.of("reps.flash.mailboxOk", rep.name())
                : PageMessage.of("reps.flash.mailboxFailed", rep.name(), test.smtp() == null ? "OK" : test.smtp().reason(),
                        test.imap() == null ? "OK" : test.imap().reason()));
        return new ModelAndView("redirect:/reps");
    }

    /** The mailbox fields of the page's form, by their API names; an empty field is a field left out. */
    record MailboxForm(String address, String smtpHost, String smtpPort, String smtpTls, String imapHost, String imapPort,
                       String imapTls, String username, String password, String perHour, String perDay) {

        MailboxRequest request() {
            return new MailboxRequest(address, smtpHost, wholeNumber(smtpPort), smtpTls, imapHost, wholeNumber(imapPort), imapTls,
                    username == null || username.isBlank() ? null : username, password == null || password.isEmpty() ? null : password,
                    wholeNumber(perHour), wholeNumber(perDay));
        }

        @Override
        public String toString() {
            return "MailboxForm[" + address + "]";
        }
    }

    private Rep rep(String username) {
        return directory.workload(username).map(RepWorkload::rep).orElseThrow(() -> new NotFoundException("No rep " + username));
    }

    private ModelAndView withErrors(Rep rep, InvalidRequestException e, Model model) {
        model.addAttribute("reps", rows());
        model.addAttribute("errors", e.errors().stream().map(error -> rep.name() + ": " + error.field() + " " + error.message()).toList());
        ModelAndView page = new ModelAndView("reps/list", model.asMap());
        page.setStatus(HttpStatus.UNPROCESSABLE_ENTITY);
        return page;
    }

    /** A number that is no whole number is left out, so it is reported as missing one. */
    private static Integer wholeNumber(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private List<RepRow> rows() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return directory.workloads().stream().map(workload -> {
            Rep rep = workload.rep();
            return new RepRow(rep.username(), rep.name(), rep.team(), rep.active(), rep.away(),
                    rep.awayUntil() == null ? "" : rep.awayUntil().toString(), rep.monthlyCapacity(),
                    workload.assignedThisMonth(), rep.presentOn(today), mailboxes.find(rep.username(), rep.email()).orElse(null));
        }).toList();
    }
}
