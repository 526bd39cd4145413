package io.leadflow.intake.internal;

import io.leadflow.assignment.LeadFinder;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadNotFoundException;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.Timeline;
import io.leadflow.security.WithApiKeySecurity;
import io.leadflow.sequence.SequenceSchedule;
import io.leadflow.tasklist.RepTaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonAssert;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.http.MediaType.APPLICATION_JSON;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;

/** The intake API's input contract (IntakeApiIT's expectations) on the web layer alone: no database, engine or mail. */
@WebMvcTest({LeadController.class, LeadImportController.class})
@Import({LeadValidator.class, LeadCsvReader.class})
@WithApiKeySecurity
@MockitoBean(types = {Timeline.class, RepTaskService.class, SequenceSchedule.class, LeadFinder.class}) // only GET reads them, past these tests
class LeadApiTest {

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    LeadService service;
    @MockitoBean
    Leads leads;

    @Test
    void withoutTheRightApiKeyTheAnswerIs401ProblemJson() {
        for (String header : new String[] {null, "Bearer wrong-key", "Basic ZGV2LWFwaS1rZXk="}) {
            var request = mvc.post().uri("/api/leads").contentType(APPLICATION_JSON).content("{\"type\":\"FORM_FILL\"}");
            if (header != null) {
                request.header(AUTHORIZATION, header);
            }
            assertThat(request).as("Authorization: %s", header).hasStatus(HttpStatus.UNAUTHORIZED)
                    .hasContentType(APPLICATION_PROBLEM_JSON).hasHeader("WWW-Authenticate", "Bearer");
        }
        verifyNoInteractions(service);
    }

    @Test
    void badFieldsAreNamedInA400ProblemAndNothingIsSubmitted() {
        assertRejected("""
                {"type":"FORM_FILL","email":"eve@andesnet.co","firstName":"Eve\\r\\nBcc: all@x.com","employees":-5,
                 "country":"XX","timeZone":"Mars/Base","language":"fr","jobTitle":42,"shoeSize":44}
                """, "shoeSize", "employees", "country", "timeZone", "language", "firstName", "jobTitle");
        verifyNoInteractions(service);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field            | {"type":"FORM_FILL","email":"a@b.co","country":"CO","shoeSize":44}                   | shoeSize
            bad email                | {"type":"FORM_FILL","email":"not-an-email"}                                          | email timeZone
            missing type             | {"email":"a@b.co","country":"CO"}                                                    | type
            unknown type             | {"type":"COLD_CALL","email":"a@b.co","country":"CO"}                                 | type
            bad country              | {"type":"FORM_FILL","email":"a@b.co","country":"XX","timeZone":"America/Bogota"}     | country
            bad time zone            | {"type":"FORM_FILL","email":"a@b.co","country":"CO","timeZone":"Mars/Base"}          | timeZone
            form fill without email  | {"type":"FORM_FILL","country":"CO"}                                                  | email
            company visit with email | {"type":"COMPANY_VISIT","companyDomain":"x.co","email":"a@b.co","country":"CO"}      | email
            company visit, no domain | {"type":"COMPANY_VISIT","country":"CO"}                                              | companyDomain
            trigger without event    | {"type":"TRIGGER_EVENT","companyDomain":"x.co","country":"CO"}                       | eventKind eventUrl
            referral without referee | {"type":"REFERRAL","email":"a@b.co","country":"CO"}                                  | referredBy
            research without email   | {"type":"RESEARCH","companyDomain":"x.co","firstName":"Ana","country":"CO"}          | email
            number given as object   | {"type":"FORM_FILL","email":"a@b.co","country":"CO","employees":{"count":12}}        | employees
            number given as text     | {"type":"FORM_FILL","email":"a@b.co","country":"CO","pagesViewed":"/a","employees":"12x"} | employees
            """)
    void aBadLeadIsA400NamingExactlyTheFieldsAtFault(String why, String lead, String fieldsAtFault) {
        assertRejected(lead, fieldsAtFault.split(" "));
    }

    @Test
    void aBodyThatIsNoJsonObjectIsA400AboutTheBodySayingWhereTheJsonBreaks() {
        for (String body : new String[] {"{\"type\":", "[1,2]", "null", "", "\"lead\""}) {
            assertRejected(body, "body");
        }
        assertThat(submit("{\n  \"type\": FORM_FILL\n}")).bodyJson().extractingPath("$.errors[0].message").asString()
                .matches("is not valid JSON \\(line 2, column \\d+\\)");
    }

    @Test
    void aBodyOver64KibIs413AndAWrongContentTypeIs415() {
        assertThat(submit("{\"type\":\"FORM_FILL\",\"source\":\"" + "x".repeat(70_000) + "\"}"))
                .hasStatus(HttpStatus.PAYLOAD_TOO_LARGE).hasContentType(APPLICATION_PROBLEM_JSON);
        assertThat(post("/api/leads", MediaType.TEXT_PLAIN, "hello"))
                .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString().contains("application/json");
        verifyNoInteractions(service);
    }

    @Test
    void aNewLeadIs201WithItsLocation() {
        UUID id = UUID.randomUUID();
        when(service.submit(any())).thenReturn(new Leads.Received(id, true, LeadStage.LEAD, Map.of()));

        assertThat(submit("""
                {"type":"TRIGGER_EVENT","companyDomain":"trigger.co","eventKind":"funding",
                 "eventUrl":"https://news.example.com/funding","country":"CO"}"""))
                .hasStatus(HttpStatus.CREATED).hasHeader("Location", "/api/leads/" + id)
                .bodyJson().isStrictlyEqualTo("{\"id\":\"" + id + "\"}");
    }

    @Test
    void aKnownPersonIs200WithTheLocationOfTheLeadItWasMergedInto() {
        UUID id = UUID.randomUUID();
        when(service.submit(any())).thenReturn(new Leads.Received(id, false, LeadStage.LEAD, Map.of()));

        assertThat(submit("{\"type\":\"FORM_FILL\",\"email\":\"known@andesnet.co\",\"country\":\"CO\"}"))
                .hasStatus(HttpStatus.OK).hasHeader("Location", "/api/leads/" + id)
                .bodyJson().isStrictlyEqualTo("{\"id\":\"" + id + "\"}");
    }

    @Test
    void theZoneAndLanguageALeadDoesNotGiveComeFromItsCountry() {
        when(service.submit(any())).thenReturn(new Leads.Received(UUID.randomUUID(), true, LeadStage.LEAD, Map.of()));

        assertThat(submit("{\"type\":\"REFERRAL\",\"email\":\" Lucia@Pampatel.com.ar \",\"referredBy\":\"Lucía Fernández\",\"country\":\"ar\"}"))
                .hasStatus(HttpStatus.CREATED);

        var submission = ArgumentCaptor.forClass(LeadSubmission.class);
        verify(service).submit(submission.capture());
        LeadFacts facts = submission.getValue().facts();
        assertThat(facts.email()).isEqualTo("Lucia@Pampatel.com.ar");
        assertThat(facts.country()).isEqualTo("AR");
        assertThat(facts.timeZone()).isEqualTo("America/Argentina/Buenos_Aires");
        assertThat(facts.language()).isEqualTo("es");
        assertThat(facts.details().referredBy()).isEqualTo("Lucía Fernández");
    }

    @Test
    void aPhoneIsStoredInE164ANationalOneReadInTheLeadsCountry() {
        when(service.submit(any())).thenReturn(new Leads.Received(UUID.randomUUID(), true, LeadStage.LEAD, Map.of()));

        assertThat(submit("{\"type\":\"FORM_FILL\",\"email\":\"ana@andesnet.co\",\"country\":\"CO\",\"phone\":\"300 123 4567\"}"))
                .hasStatus(HttpStatus.CREATED);

        var submission = ArgumentCaptor.forClass(LeadSubmission.class);
        verify(service).submit(submission.capture());
        assertThat(submission.getValue().facts().phone()).isEqualTo("+573001234567");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            too short                | {"type":"FORM_FILL","email":"a@b.co","country":"CO","phone":"+57 300"}
            national, no country     | {"type":"FORM_FILL","email":"a@b.co","timeZone":"America/Bogota","phone":"3001234567"}
            words                    | {"type":"FORM_FILL","email":"a@b.co","country":"CO","phone":"call me"}
            not a string             | {"type":"FORM_FILL","email":"a@b.co","country":"CO","phone":573001234567}
            """)
    void aBadPhoneIsA400NamingPhone(String why, String lead) {
        assertRejected(lead, "phone");
    }

    @Test
    void aCsvRowWithABadPhoneNamesTheColumn() {
        when(service.submitAll(anyList())).thenReturn(List.of());
        assertThat(post("/api/leads/import", MediaType.parseMediaType("text/csv"),
                "type,email,country,phone\nFORM_FILL,ana@andesnet.co,CO,12345\n"))
                .hasStatus(HttpStatus.OK).bodyJson().extractingPath("$.rows[0].errors[*].field").asArray().containsExactly("phone");
    }

    @Test
    void anUnknownLeadIs404AndAMalformedIdIs400() {
        UUID id = UUID.randomUUID();
        when(leads.get(id)).thenThrow(new LeadNotFoundException(id));

        assertThat(mvc.get().uri("/api/leads/{id}", id).header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatus(HttpStatus.NOT_FOUND).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").isEqualTo("No lead with id " + id);
        assertThat(mvc.get().uri("/api/leads/not-a-uuid").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("id");
    }

    @Test
    void aCsvImportAnswersEveryRowAndOneBadRowRejectsNothingElse() {
        UUID rosa = UUID.randomUUID();
        UUID known = UUID.randomUUID();
        when(service.submitAll(anyList())).thenReturn(List.of(new Leads.Received(rosa, true, LeadStage.LEAD, Map.of()),
                new Leads.Received(known, false, LeadStage.LEAD, Map.of())));
        String csv = """
                type,email,firstName,jobTitle,employees,country,pagesViewed
                FORM_FILL,rosa@telcomex.mx,Rosa,CEO,500,MX,/a|/b
                FORM_FILL,not-an-email,Bad,CEO,-1,MX,
                FORM_FILL,known@andesnet.co,Known,CMO,,CO,
                FORM_FILL,multi@iberfibra.es,"Multi
                Line",CTO,10,ES,
                """;

        assertThat(post("/api/leads/import", MediaType.parseMediaType("text/csv"), csv))
                .hasStatus(HttpStatus.OK).hasContentType(APPLICATION_JSON)
                .bodyJson().isEqualTo("""
                        {"rows":[
                          {"line":2,"status":"accepted","id":"%s","errors":[]},
                          {"line":3,"status":"rejected","id":null,"errors":[{"field":"email"},{"field":"employees"}]},
                          {"line":4,"status":"merged","id":"%s","errors":[]},
                          {"line":5,"status":"rejected","id":null,"errors":[{"field":"firstName"}]}],
                         "accepted":1,"merged":1,"rejected":2}
                        """.formatted(rosa, known), JsonAssert.comparator(JSONCompareMode.STRICT_ORDER));
        verify(service).submitAll(argThat(valid -> valid.stream().map(submission -> submission.facts().email()).toList()
                .equals(List.of("rosa@telcomex.mx", "known@andesnet.co"))));
    }

    @Test
    void aCsvHeaderWithAnEmptyOrRepeatedColumnNameIsA400() {
        for (String header : List.of("type,,email", "type,email,email")) {
            assertThat(post("/api/leads/import", MediaType.parseMediaType("text/csv"), header + "\nFORM_FILL,x@y.co,\n"))
                    .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                    .bodyJson().extractingPath("$.errors[0].field").isEqualTo("header");
        }
        verifyNoInteractions(service);
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"0085", "2028", "2029", "202A", "202E", "2066", "2069", "0007", "009B", "D800", "DFFF"})
    void controlLineBreakBidiAndLoneSurrogateCharactersAreRefusedNamingTheField(String codePoint) {
        assertRejected("{\"type\":\"FORM_FILL\",\"email\":\"a@b.co\",\"country\":\"CO\",\"company\":\"Acme\\u" + codePoint + "\"}",
                "company");
        verifyNoInteractions(service);
    }

    @Test
    void aRepeatedKeyANumberAsTextAndATypeAsNumberAreNamed() {
        assertRejected("{\"type\":\"FORM_FILL\",\"email\":\"a@b.co\",\"email\":\"b@b.co\",\"country\":\"CO\"}", "email");
        assertRejected("{\"type\":\"FORM_FILL\",\"email\":\"a@b.co\",\"country\":\"CO\",\"employees\":\"12\"}", "employees");
        assertRejected("{\"type\":1,\"email\":\"a@b.co\",\"country\":\"CO\"}", "type");
        verifyNoInteractions(service);
    }

    @Test
    void aControlCharacterAtTheEndOfACsvCellIsRefusedWithItsLineAndColumn() {
        when(service.submitAll(anyList())).thenReturn(List.of());
        assertThat(post("/api/leads/import", MediaType.parseMediaType("text/csv"),
                "type,email,country,timeZone,employees\nFORM_FILL,bel@telcomex.mx,MX\u0007,America/Mexico_City,12\n"))
                .hasStatus(HttpStatus.OK).bodyJson().isEqualTo("""
                        {"rows":[{"line":2,"status":"rejected","id":null,"errors":[{"field":"country"}]}],
                         "accepted":0,"merged":0,"rejected":1}
                        """, JsonAssert.comparator(JSONCompareMode.LENIENT));
    }

    @Test
    void aCsvHeaderWithAnUnclosedQuoteOrAColumnRepeatedWithSpacesIsA400() {
        for (String header : List.of("type,\"email", "type, email ,email")) {
            assertThat(post("/api/leads/import", MediaType.parseMediaType("text/csv"), header + "\nFORM_FILL,x@y.co,\n"))
                    .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                    .bodyJson().extractingPath("$.errors[0].field").isEqualTo("header");
        }
        verifyNoInteractions(service);
    }

    private MockMvcTester.MockMvcRequestBuilder post(String uri, MediaType contentType, String body) {
        return mvc.post().uri(uri).header(AUTHORIZATION, WithApiKeySecurity.BEARER).contentType(contentType).content(body);
    }

    private MockMvcTester.MockMvcRequestBuilder submit(String lead) {
        return post("/api/leads", APPLICATION_JSON, lead);
    }

    private void assertRejected(String body, String... fieldsAtFault) {
        assertThat(submit(body)).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray().containsExactlyInAnyOrder((Object[]) fieldsAtFault);
    }
}
