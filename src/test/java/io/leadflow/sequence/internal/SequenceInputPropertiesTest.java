package io.leadflow.sequence.internal;

import io.leadflow.HostileInput;
import io.leadflow.HostileRequests;
import io.leadflow.platform.RejectedRequestProblem;
import io.leadflow.security.WithApiKeySecurity;
import io.leadflow.sequence.SequenceExits;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

/**
 * Thousands of generated hostile previews and one-click unsubscribes on the web layer: never a 5xx, every API 4xx
 * problem+json. Half the leads asked to unsubscribe have no address (409), one link in four is valid.
 */
@WebMvcTest({SequenceController.class, UnsubscribeController.class})
@Import(RejectedRequestProblem.class)
@WithApiKeySecurity
@MockitoBean(types = SequencePreview.class)
class SequenceInputPropertiesTest extends HostileRequests {

    @MockitoBean
    SequenceExits exits;
    @MockitoBean
    UnsubscribeLinks links;

    SequenceInputPropertiesTest() throws Exception {
        doAnswer(call -> call.<String>getArgument(1).hashCode() % 4 == 0).when(links).isValid(any(), anyString());
        halfTheLeadsHaveNoAddress(exits);
    }

    @Property(tries = 1500)
    void hostileInputIsNeverA5xx(@ForAll("sequence") HostileInput.Request request) throws Exception {
        assertAnsweredWithout5xx(request, WithApiKeySecurity.API_KEY);
    }

    @Provide
    Arbitrary<HostileInput.Request> sequence() {
        return HostileInput.sequenceRequests();
    }
}
