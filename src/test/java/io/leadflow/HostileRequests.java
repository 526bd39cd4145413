package io.leadflow;

import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.lead.Leads;
import io.leadflow.platform.ConflictException;
import io.leadflow.sequence.SequenceExits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.net.URI;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Base of a jqwik property over a Spring web slice: jqwik makes the instance, Spring's test context (cached across
 * properties and classes) injects it, as the Spring extension does for JUnit tests.
 */
public abstract class HostileRequests {

    @Autowired
    protected MockMvc mvc;

    protected HostileRequests() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
    }

    /** Every lead asked for is unknown: 404, as for the random ids the generators make. */
    protected static void noLeadIsKnown(Leads leads) {
        doAnswer(call -> {
            throw new LeadNotFoundException(call.getArgument(0));
        }).when(leads).get(any());
    }

    /** Half the leads asked to leave their sequence have no address: 409, as for a lead that never gave one. */
    protected static void halfTheLeadsHaveNoAddress(SequenceExits exits) {
        doAnswer(call -> {
            UUID lead = call.getArgument(0);
            if (lead.hashCode() % 2 == 0) {
                throw new ConflictException("Lead " + lead + " has no email address");
            }
            return null;
        }).when(exits).exit(any(), any(), any());
    }

    /** Sends the request as bad input's contract says it is answered: never a 5xx, a 4xx from the API as problem+json. */
    protected void assertAnsweredWithout5xx(HostileInput.Request hostile, String apiKey) throws Exception {
        var request = request(hostile.method(), URI.create(hostile.path())).content(hostile.body());
        if (hostile.contentType() != null) {
            request.header(HttpHeaders.CONTENT_TYPE, hostile.contentType());
        }
        if (hostile.authorized()) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
        }
        MvcResult result = mvc.perform(request).andReturn();
        HostileInput.assertAnswered(hostile, result.getResponse().getStatus(), result.getResponse().getContentType());
    }
}
