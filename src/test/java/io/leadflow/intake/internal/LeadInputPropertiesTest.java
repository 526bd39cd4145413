package io.leadflow.intake.internal;

import io.leadflow.HostileInput;
import io.leadflow.HostileRequests;
import io.leadflow.assignment.LeadFinder;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.platform.RejectedRequestProblem;
import io.leadflow.security.WithApiKeySecurity;
import io.leadflow.sequence.Nurtures;
import io.leadflow.sequence.SequenceExits;
import io.leadflow.sequence.SequencePauses;
import io.leadflow.sequence.SequenceSchedule;
import io.leadflow.tasklist.RepTaskService;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;

/**
 * Thousands of generated hostile lead submissions, CSV imports and unsubscribes on the web layer (jqwik prints each
 * property's seed; {@code @Property(seed = "...")} replays one): never a 5xx, every 4xx problem+json. BadInputIT checks
 * what the full stack stores. Half the leads asked to unsubscribe have no address (409).
 */
@WebMvcTest({LeadController.class, LeadImportController.class, LeadSequenceController.class})
@Import({LeadValidator.class, LeadCsvReader.class, RejectedRequestProblem.class})
@WithApiKeySecurity
@MockitoBean(types = {Timeline.class, RepTaskService.class, SequenceSchedule.class, LeadFinder.class, SequencePauses.class,
        Nurtures.class})
class LeadInputPropertiesTest extends HostileRequests {

    @TestConfiguration(proxyBeanMethods = false)
    static class SystemClock {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @MockitoBean
    LeadService service;
    @MockitoBean
    Leads leads;
    @MockitoBean
    SequenceExits exits;

    LeadInputPropertiesTest() throws Exception {
        doAnswer(call -> received()).when(service).submit(any());
        doAnswer(call -> ((List<?>) call.getArgument(0)).stream().map(valid -> received()).toList()).when(service).submitAll(anyList());
        halfTheLeadsHaveNoAddress(exits);
        noLeadIsKnown(leads);
    }

    @Property(tries = 2500)
    void hostileInputIsNeverA5xx(@ForAll("intake") HostileInput.Request request) throws Exception {
        assertAnsweredWithout5xx(request, WithApiKeySecurity.API_KEY);
    }

    @Property(tries = 1000)
    void aNearlyValidLeadIsStoredOrA4xx(@ForAll("nearlyValid") HostileInput.Request request) throws Exception {
        assertAnsweredWithout5xx(request, WithApiKeySecurity.API_KEY);
    }

    @Provide
    Arbitrary<HostileInput.Request> intake() {
        return HostileInput.intakeRequests();
    }

    @Provide
    Arbitrary<HostileInput.Request> nearlyValid() {
        return HostileInput.nearlyValidLeads();
    }

    private static Leads.Received received() {
        return new Leads.Received(UUID.randomUUID(), true, LeadStage.LEAD, Map.of());
    }
}
