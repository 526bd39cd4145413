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
import jakarta.validation.Validator;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
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
 * The managers' page of reps (security lets only managers in): team, availability, capacity and a new password, changed
 * in place, and new reps added, as {@code PUT /api/reps/{username}} does.
 */
@PageController
@RequestMapping("/reps")
class RepsPage {

    /** A row of the page; {@code presentToday}: not away, or back by today. */
    public record RepRow(String username, String name, String team, boolean active, boolean away, String awayUntil,
                         int monthlyCapacity, int assignedThisMonth, boolean presentToday,
                         ConnectedMailboxes.MailboxView mailbox) {
    }

    /** The forms of the page whose fields' rules have messages: {@code reps.problem.<form>.<field>}. */
    private static final String REP_FORM = "rep";
    private static final String MAILBOX_FORM = "mailbox";

    private final RepDirectory directory;
    private final ConnectedMailboxes mailboxes;
    private final Clock clock;
    private final Validator validator;

    RepsPage(RepDirectory directory, ConnectedMailboxes mailboxes, Clock clock, Validator validator) {
        this.directory = directory;
        this.mailboxes = mailboxes;
        this.clock = clock;
        this.validator = validator;
    }

    @ModelAttribute("tlsModes")
    ConnectedMailbox.Tls[] tlsModes() {
        return ConnectedMailbox.Tls.values();
    }

    @ModelAttribute("teams")
    List<String> teams() {
        return directory.teams().stream().map(Team::name).sorted().toList();
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
                      @RequestParam(defaultValue = "") String monthlyCapacity, @RequestParam(required = false) String team,
                      @RequestParam(defaultValue = "") String password, Model model, RedirectAttributes redirect) {
        Rep rep = rep(username);
        return saved(username, rep.name(), new RepRequest(rep.name(), rep.email(), team == null ? rep.team() : team, active, away,
                awayUntil, wholeNumber(monthlyCapacity), password.isEmpty() ? null : password), model, redirect);
    }

    /** A new rep, as {@code PUT /api/reps/{username}} adds one: active, present, with a password to sign in with. */
    @PostMapping
    ModelAndView add(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String name,
                     @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String team,
                     @RequestParam(defaultValue = "") String monthlyCapacity, @RequestParam(defaultValue = "") String password,
                     Model model, RedirectAttributes redirect) {
        String who = username.strip();
        if (directory.workload(who).isPresent()) {
            return notSaved(List.of(PageMessage.of("reps.error.exists")), model);
        }
        if (password.isEmpty()) {
            return notSaved(List.of(PageMessage.of("reps.error.newPassword")), model);
        }
        return saved(who, name.strip(), new RepRequest(name.strip(), email.strip(), team, true, false, null, wholeNumber(monthlyCapacity),
                password), model, redirect);
    }

    /** Stores the rep the page's fields describe, and the password typed (an empty one leaves it as it is). */
    private ModelAndView saved(String username, String name, RepRequest request, Model model, RedirectAttributes redirect) {
        try {
            directory.save(request.toRep(username, teams(), validator));
        } catch (InvalidRequestException e) {
            return withErrors(name, REP_FORM, e, model);
        }
        if (request.password() != null) {
            directory.setPassword(username, request.password());
        }
        redirect.addFlashAttribute("flash", PageMessage.of(request.password() == null ? "reps.flash.saved" : "reps.flash.savedWithPassword",
                name));
        return new ModelAndView("redirect:/reps");
    }

    /** Connects the rep's own mailbox; an empty password field keeps the saved one. */
    @PostMapping("/{username}/mailbox")
    ModelAndView saveMailbox(@PathVariable String username, MailboxForm form, Model model, RedirectAttributes redirect) {
        Rep rep = rep(username);
        try {
            mailboxes.save(username, form.request());
        } catch (InvalidRequestException e) {
            return withErrors(rep.name(), MAILBOX_FORM, e, model);
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
            return withErrors(rep.name(), MAILBOX_FORM, e, model);
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

    /**
     * The fields at fault in the reader's language: the rule of each, {@code reps.problem.<form>.<field>} with the rep's
     * name and the teams; a field with no message reads as the API words it.
     */
    private ModelAndView withErrors(String name, String form, InvalidRequestException e, Model model) {
        Object[] args = {name, String.join(", ", teams())};
        return notSaved(e.errors().stream().<MessageSourceResolvable>map(error -> new DefaultMessageSourceResolvable(
                new String[] {"reps.problem." + form + "." + error.field()}, args, name + ": " + error.field() + " " + error.message()))
                .toList(), model);
    }

    /** The page again with what was not saved. */
    private ModelAndView notSaved(List<MessageSourceResolvable> errors, Model model) {
        model.addAttribute("reps", rows());
        model.addAttribute("errors", errors);
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
