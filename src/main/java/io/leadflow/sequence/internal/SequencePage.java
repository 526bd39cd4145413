package io.leadflow.sequence.internal;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.platform.ConflictException;
import io.leadflow.platform.InvalidRequestException;
import io.leadflow.security.Roles;
import io.leadflow.sequence.SequenceExits;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The task list's sequence buttons: the lead's owner (or a manager) stops its sequence or pauses it until a day. */
@Controller
class SequencePage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private final Leads leads;
    private final SequenceExits exits;
    private final SequencePauses pauses;
    private final Clock clock;

    SequencePage(Leads leads, SequenceExits exits, SequencePauses pauses, Clock clock) {
        this.leads = leads;
        this.exits = exits;
        this.pauses = pauses;
        this.clock = clock;
    }

    @PostMapping("/leads/{leadId}/sequence/stop")
    String stop(@PathVariable UUID leadId, @RequestParam(required = false) String reason, Authentication auth,
                RedirectAttributes redirect) {
        Lead lead = leadTheUserMayChange(leadId, auth);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("by", auth.getName());
        if (reason != null && !reason.isBlank()) {
            details.put("reason", reason.strip().replaceAll("\\p{Cntrl}", " "));
        }
        exits.exit(leadId, SequenceExits.Exit.STOPPED, details);
        redirect.addFlashAttribute("flash", "Sequence stopped for " + lead.fullName() + ".");
        return "redirect:/tasks";
    }

    @PostMapping("/leads/{leadId}/sequence/pause")
    String pause(@PathVariable UUID leadId, @RequestParam(required = false) String until, Authentication auth,
                 RedirectAttributes redirect) {
        Lead lead = leadTheUserMayChange(leadId, auth);
        String flash;
        try {
            LocalDate day = new PauseRequest(until).untilFor(lead, clock);
            pauses.pause(leadId, day, auth.getName());
            flash = "Sequence paused for " + lead.fullName() + " until " + DAY.format(day) + ".";
        } catch (InvalidRequestException e) {
            flash = "Not paused: the date " + e.errors().getFirst().message() + ".";
        } catch (ConflictException e) {
            flash = "Not paused: " + lead.fullName() + " has no running sequence.";
        }
        redirect.addFlashAttribute("flash", flash);
        return "redirect:/tasks";
    }

    private Lead leadTheUserMayChange(UUID leadId, Authentication auth) {
        Lead lead = leads.get(leadId);
        if (!Roles.isManager(auth) && !auth.getName().equals(lead.owner())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the lead's owner or a manager may change its sequence");
        }
        return lead;
    }
}
