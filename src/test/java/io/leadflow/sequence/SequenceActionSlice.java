package io.leadflow.sequence;

import io.leadflow.lead.BogotaLead;
import io.leadflow.lead.Leads;
import io.leadflow.security.WithApiKeySecurity;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.http.MediaType.APPLICATION_JSON;

/**
 * What the web slices of a lead's sequence and nurture actions (the API's and the pages') share, each slice naming its
 * controllers in its {@code @WebMvcTest}: leadflow's security, the services the actions hand to mocked, and the lead
 * they act on ({@link BogotaLead}) on the evening of 1 March 2027 in Bogotá, with the clock fixed at that moment.
 */
@Import(SequenceActionSlice.FixedClock.class)
@WithApiKeySecurity
public abstract class SequenceActionSlice {

    public static final UUID LEAD = UUID.fromString("6f1c1a52-0c8e-4b8e-9d7e-3c2f0a4b5d61");
    /** 2 March 2027, 04:00 UTC: still 1 March in Bogotá, the lead's zone. */
    public static final Instant NOW = Instant.parse("2027-03-02T04:00:00Z");

    /** The clock fixed at {@link #NOW}; a plain class, so that no component scan of a full-stack test finds it beside the application's own clock. */
    public static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    protected MockMvcTester mvc;
    @MockitoBean
    protected SequenceExits exits;
    @MockitoBean
    protected SequencePauses pauses;
    @MockitoBean
    protected Nurtures nurtures;
    @MockitoBean
    protected Leads leads;

    @BeforeEach
    void theLeadIsAnasInBogota() {
        when(leads.get(LEAD)).thenReturn(BogotaLead.withId(LEAD));
    }

    /** An authorised API POST to the URI (its {id} is {@link #LEAD}), with the JSON body if there is one. */
    protected MockMvcTester.MockMvcRequestBuilder post(String uri, String json) {
        var request = mvc.post().uri(uri, LEAD).header(AUTHORIZATION, WithApiKeySecurity.BEARER);
        return json == null ? request : request.contentType(APPLICATION_JSON).content(json);
    }
}
