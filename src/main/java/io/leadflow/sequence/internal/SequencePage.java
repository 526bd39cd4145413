package io.leadflow.sequence.internal;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.platform.ConflictException;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.platform.PageMessage;
import io.leadflow.platform.PageModel;
import io.leadflow.security.Roles;
import io.leadflow.sequence.DayRequest;
import io.leadflow.sequence.Nurtures;
import io.leadflow.sequence.SequenceExits;
import io.leadflow.sequence.SequencePauses;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The sequence buttons of the task and lead pages: the lead's owner (or a manager) stops its sequence, pauses it until a
 * day or resumes it, re-enrols the nurtured lead or changes the day its nurture ends; each once, a sequence or a lead no
 * longer in that state answers 409.
 */
@Controller
class SequencePage {

    /** In the page's language. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy");

    private final Leads leads;
    private final SequenceExits exits;
    private final SequencePauses pauses;
    private final Nurtures nurtures;
    private final Clock clock;

    SequencePage(Leads leads, SequenceExits exits, SequencePauses pauses, Nurtures nurtures, Clock clock) {
        this.leads = leads;
        this.exits = exits;
        this.pauses = pauses;
        this.nurtures = nurtures;
        this.clock = clock;
    }

    @PostMapping("/leads/{leadId}/sequence/stop")
    String stop(@PathVariable UUID leadId, @RequestParam(required = false) String reason,
                @RequestParam(required = false) String back, Authentication auth, RedirectAttributes redirect) {
        Lead lead = leadTheUserMayChange(leadId, auth);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("by", auth.getName());
        if (reason != null && !reason.isBlank()) {
            details.put("reason", reason.strip().replaceAll("\\p{Cntrl}", " "));
        }
        exits.stop(leadId, details);
        redirect.addFlashAttribute("flash", PageMessage.of("lead.flash.stopped", lead.fullName()));
        return backTo(back, leadId);
    }

    @PostMapping("/leads/{leadId}/sequence/pause")
    String pause(@PathVariable UUID leadId, @RequestParam(required = false) String until,
                 @RequestParam(required = false) String back, Authentication auth, RedirectAttributes redirect) {
        Lead lead = leadTheUserMayChange(leadId, auth);
        redirect.addFlashAttribute("flash", onDay(lead, until, DayRequest.PAUSE_END, day -> pauses.pause(leadId, day, auth.getName()),
                "lead.flash.paused", "lead.flash.notPaused"));
        return backTo(back, leadId);
    }

    @PostMapping("/leads/{leadId}/sequence/resume")
    String resume(@PathVariable UUID leadId, @RequestParam(required = false) String back, Authentication auth,
                  RedirectAttributes redirect) {
        Lead lead = leadTheUserMayChange(leadId, auth);
        pauses.resumePaused(leadId, auth.getName());
        redirect.addFlashAttribute("flash", PageMessage.of("lead.flash.resumed", lead.fullName()));
        return backTo(back, leadId);
    }

    /** The lead's page: a nurtured lead back to MQL in a new sequence, once per stay in nurture. */
    @PostMapping("/leads/{leadId}/nurture/re-enrol")
    String reEnrol(@PathVariable UUID leadId, Authentication auth, RedirectAttributes redirect) {
        Lead lead = leadTheUserMayChange(leadId, auth);
        nurtures.reEnrol(leadId, auth.getName());
        redirect.addFlashAttribute("flash", PageMessage.of("lead.flash.reEnrolled", lead.fullName()));
        return backTo("lead", leadId);
    }

    /** The lead's page: another day for a lead nurtured until a date to come back to MQL. */
    @PostMapping("/leads/{leadId}/nurture/until")
    String changeNurtureDate(@PathVariable UUID leadId, @RequestParam(required = false) String until, Authentication auth,
                             RedirectAttributes redirect) {
        Lead lead = leadTheUserMayChange(leadId, auth);
        redirect.addFlashAttribute("flash", onDay(lead, until, DayRequest.NURTURE_END,
                day -> nurtures.changeDate(leadId, day, auth.getName()), "lead.flash.nurtureDateChanged",
                "lead.flash.nurtureDateNotChanged"));
        return backTo("lead", leadId);
    }

    /**
     * Makes the change for the day a page's date field gave, and says so ({@code done}: the lead's name and the day);
     * a day that is not after today says that ({@code refused}: today in the lead's zone).
     */
    private MessageSourceResolvable onDay(Lead lead, String until, String meaning, Consumer<LocalDate> change, String done,
                                          String refused) {
        try {
            LocalDate day = new DayRequest(until).dayFor(lead, clock, meaning);
            change.accept(day);
            return PageMessage.of(done, lead.fullName(), DAY.withLocale(LocaleContextHolder.getLocale()).format(day));
        } catch (InvalidRequestException e) {
            // The page's date field asks for a day after today already: what else is wrong is the API's to name.
            return PageMessage.of(refused, LocalDate.now(clock.withZone(lead.zone())).toString());
        }
    }

    /** A sequence that is not running, not paused or stopped already: the state changed since the page was shown. */
    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(HttpServletRequest request, Authentication auth) {
        return conflictPage(request, auth, "lead.conflict.sequence");
    }

    /** A lead no longer in nurture (until a date), or re-enrolled already since the page was shown. */
    @ExceptionHandler({Nurtures.NotInNurture.class, Nurtures.NotNurturedUntilADate.class})
    ModelAndView notInNurture(HttpServletRequest request, Authentication auth) {
        return conflictPage(request, auth, "lead.conflict.nurture");
    }

    private static ModelAndView conflictPage(HttpServletRequest request, Authentication auth, String code) {
        ModelAndView page = PageModel.of("tasks/message", request, auth);
        page.setStatus(HttpStatus.CONFLICT);
        page.addObject("title", code + ".title");
        page.addObject("message", code + ".text");
        return page;
    }

    /** The lead's page when the button was on it, else the task list. */
    private static String backTo(String back, UUID leadId) {
        return "lead".equals(back) ? "redirect:/leads/" + leadId : "redirect:/tasks";
    }

    private Lead leadTheUserMayChange(UUID leadId, Authentication auth) {
        Lead lead = leads.get(leadId);
        if (!Roles.isManager(auth) && !auth.getName().equals(lead.owner())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the lead's owner or a manager may change its sequence");
        }
        return lead;
    }
}
