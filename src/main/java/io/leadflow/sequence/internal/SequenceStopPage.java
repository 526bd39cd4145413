package io.leadflow.sequence.internal;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The task list's "Stop sequence" button: the lead's owner (or a manager) ends its sequence. */
@Controller
class SequenceStopPage {

    private final Leads leads;
    private final SequenceExits exits;

    SequenceStopPage(Leads leads, SequenceExits exits) {
        this.leads = leads;
        this.exits = exits;
    }

    @PostMapping("/leads/{leadId}/sequence/stop")
    String stop(@PathVariable UUID leadId, @RequestParam(required = false) String reason, Authentication auth,
                RedirectAttributes redirect) {
        Lead lead = leads.get(leadId);
        if (!Roles.isManager(auth) && !auth.getName().equals(lead.owner())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the lead's owner or a manager may stop its sequence");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("by", auth.getName());
        if (reason != null && !reason.isBlank()) {
            details.put("reason", reason.strip().replaceAll("\\p{Cntrl}", " "));
        }
        exits.exit(leadId, SequenceExits.Exit.STOPPED, details);
        redirect.addFlashAttribute("flash", "Sequence stopped for " + lead.fullName() + ".");
        return "redirect:/tasks";
    }
}
