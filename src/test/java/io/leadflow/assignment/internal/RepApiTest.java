package io.leadflow.assignment.internal;

import io.leadflow.assignment.Rep;
import io.leadflow.assignment.RepDirectory;
import io.leadflow.assignment.RepWorkload;
import io.leadflow.assignment.Team;
import io.leadflow.email.ConnectedMailbox;
import io.leadflow.email.ConnectedMailboxes;
import io.leadflow.email.MailboxFailure;
import io.leadflow.email.MailboxRequest;
import io.leadflow.email.SendingLimit;
import io.leadflow.security.WithApiKeySecurity;
import jakarta.validation.Validator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.http.MediaType.APPLICATION_JSON;
import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The directory's API and page on the web layer alone: managers only, each bad field named, the rep handed to the directory. */
@WebMvcTest({RepController.class, RepsPage.class})
@WithApiKeySecurity
class RepApiTest {

    static final RequestPostProcessor REP = user("ben").roles("REP");
    static final RequestPostProcessor MANAGER = user("marta").roles("REP", "MANAGER");
    static final Rep ANA = new Rep("ana", "Ana Torres", "ana@leadflow.local", "latam", true, true,
            LocalDate.of(2026, 3, 20), 100);

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvcTester mvc;
    @Autowired
    Validator validator;
    @Autowired
    RepDirectory directory;
    @MockitoBean
    ConnectedMailboxes mailboxes;

    @BeforeEach
    void directory() {
        when(directory.workloads()).thenReturn(List.of(new RepWorkload(ANA, 42)));
        when(directory.workload("ana")).thenReturn(Optional.of(new RepWorkload(ANA, 42)));
        when(directory.teams()).thenReturn(List.of(new Team("international", "marta"), new Team("latam", "marta")));
        when(directory.rep("ana")).thenReturn(Optional.of(ANA.person()));
        // The fields are checked as the service checks them: by the request itself.
        when(mailboxes.save(eq("ana"), any())).thenAnswer(call -> {
            MailboxRequest request = call.getArgument(1, MailboxRequest.class);
            ConnectedMailbox box = request.toMailbox(null, validator);
            return new ConnectedMailboxes.MailboxView("ana", box.address(), box.smtp(), box.imap(), box.username(), true,
                    null, null, null, request.perHour(), request.perDay(),
                    new SendingLimit(Objects.requireNonNullElse(request.perDay(), 200), Objects.requireNonNullElse(request.perHour(), 50)));
        });
    }

    // mailboxes ------------------------------------------------------------------------------------------

    static final String MAILBOX_JSON = """
            {"address":"ana@andes.example","smtpHost":"smtp.andes.example","smtpPort":587,"smtpTls":"STARTTLS",
             "imapHost":"imap.andes.example","imapPort":993,"imapTls":"tls","password":"app-pass-8d2f"}""";

    @Test
    void aManagerConnectsARepsMailboxAndNoAnswerShowsItsPassword() {
        assertThat(mvc.put().uri("/api/reps/ana/mailbox").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .contentType(APPLICATION_JSON).content(MAILBOX_JSON))
                .hasStatusOk().bodyText().contains("\"username\":\"ana@andes.example\"", "\"tls\":\"TLS\"")
                .doesNotContain("app-pass-8d2f", "password");
        assertThat(mvc.put().uri("/api/reps/ana/mailbox").with(REP).with(csrf()).contentType(APPLICATION_JSON).content(MAILBOX_JSON))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.put().uri("/api/reps/ana/mailbox").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .contentType(APPLICATION_JSON).content(MAILBOX_JSON.replace("}", ",\"perDay\":120}")))
                .hasStatusOk().bodyJson().extractingPath("$.limit").isEqualTo(java.util.Map.of("perDay", 120, "perHour", 50));
        assertThat(mvc.put().uri("/api/reps/nobody/mailbox").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .contentType(APPLICATION_JSON).content(MAILBOX_JSON)).hasStatus(HttpStatus.NOT_FOUND);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing given           | {}                                                                                                                                                    | address smtpHost smtpPort smtpTls imapHost imapPort imapTls password
            ports out of range      | {"address":"a@b.example","smtpHost":"s.example","smtpPort":0,"smtpTls":"NONE","imapHost":"i.example","imapPort":70000,"imapTls":"NONE","password":"x"} | smtpPort imapPort
            unknown TLS mode        | {"address":"a@b.example","smtpHost":"s.example","smtpPort":25,"smtpTls":"SSL","imapHost":"i.example","imapPort":143,"imapTls":"NONE","password":"x"}    | smtpTls
            a host with a header    | {"address":"a@b.example","smtpHost":"s.example\\r\\nBcc: x@evil.example","smtpPort":25,"smtpTls":"NONE","imapHost":"i.example/x","imapPort":143,"imapTls":"NONE","password":"x"} | smtpHost imapHost
            a password on two lines | {"address":"a@b.example","smtpHost":"s.example","smtpPort":25,"smtpTls":"NONE","imapHost":"i.example","imapPort":143,"imapTls":"NONE","password":"x\\ny"} | password
            not an address          | {"address":"ana","smtpHost":"s.example","smtpPort":25,"smtpTls":"NONE","imapHost":"i.example","imapPort":143,"imapTls":"NONE","password":"x"}         | address
            port as text            | {"address":"a@b.example","smtpHost":"s.example","smtpPort":"25","smtpTls":"NONE","imapHost":"i.example","imapPort":143,"imapTls":"NONE","password":"x"} | smtpPort
            limits out of range     | {"address":"a@b.example","smtpHost":"s.example","smtpPort":25,"smtpTls":"NONE","imapHost":"i.example","imapPort":143,"imapTls":"NONE","password":"x","perHour":0,"perDay":100001} | perHour perDay
            more an hour than a day | {"address":"a@b.example","smtpHost":"s.example","smtpPort":25,"smtpTls":"NONE","imapHost":"i.example","imapPort":143,"imapTls":"NONE","password":"x","perHour":30,"perDay":20} | perHour
            """)
    void aBadMailboxIsA400NamingTheFieldsAtFault(String why, String body, String fieldsAtFault) {
        assertThat(mvc.put().uri("/api/reps/ana/mailbox").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .contentType(APPLICATION_JSON).content(body))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder((Object[]) fieldsAtFault.split(" "));
    }

    @Test
    void aConnectionTestAnswersWhatFailedWithoutA5xx() {
        when(mailboxes.test("ana", "ana@leadflow.local")).thenReturn(Optional.of(new ConnectedMailboxes.ConnectionTest(false, null,
                new MailboxFailure("login refused", "[AUTHENTICATIONFAILED] Invalid credentials"))));
        assertThat(mvc.post().uri("/api/reps/ana/mailbox/test").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().bodyJson().extractingPath("$.imap.reason").isEqualTo("login refused");
    }

    @Test
    void aSignedInRepIsRefusedWith403AndNoKeyNorSessionWith401() {
        assertThat(mvc.get().uri("/api/reps").with(REP)).hasStatus(HttpStatus.FORBIDDEN).hasContentType(APPLICATION_PROBLEM_JSON);
        assertThat(mvc.put().uri("/api/reps/ana").with(REP).with(csrf()).contentType(APPLICATION_JSON).content(ANA_JSON))
                .hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/api/teams").with(REP)).hasStatus(HttpStatus.FORBIDDEN);
        for (String header : new String[] {null, "Bearer wrong-key"}) {
            var request = mvc.get().uri("/api/reps");
            if (header != null) {
                request.header(AUTHORIZATION, header);
            }
            assertThat(request).as("Authorization: %s", header).hasStatus(HttpStatus.UNAUTHORIZED)
                    .hasContentType(APPLICATION_PROBLEM_JSON);
        }
        verify(directory, never()).save(any(Rep.class));
    }

    @Test
    void theApiKeyAndASignedInManagerReadTheRepsWithTheirLoadThisMonth() {
        String expected = """
                [{"username":"ana","name":"Ana Torres","email":"ana@leadflow.local","team":"latam","active":true,"away":true,
                  "awayUntil":"2026-03-20","monthlyCapacity":100,"assignedThisMonth":42}]""";
        assertThat(mvc.get().uri("/api/reps").header(AUTHORIZATION, WithApiKeySecurity.BEARER))
                .hasStatusOk().bodyJson().isStrictlyEqualTo(expected);
        assertThat(mvc.get().uri("/api/reps").with(MANAGER)).hasStatusOk().bodyJson().isStrictlyEqualTo(expected);
        assertThat(mvc.get().uri("/api/teams").with(MANAGER)).hasStatusOk().bodyJson()
                .isStrictlyEqualTo("[{\"name\":\"international\",\"manager\":\"marta\"},{\"name\":\"latam\",\"manager\":\"marta\"}]");
        assertThat(mvc.get().uri("/api/reps/nobody").with(MANAGER)).hasStatus(HttpStatus.NOT_FOUND);
    }

    static final String ANA_JSON = """
            {"name":"Ana Torres","email":"ana@leadflow.local","team":"latam","active":true,"away":true,
             "awayUntil":"2026-03-20","monthlyCapacity":100}""";

    @Test
    void aChangedRepIsStoredAndAnsweredWithTheirLoad() {
        assertThat(mvc.put().uri("/api/reps/ana").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .contentType(APPLICATION_JSON).content(ANA_JSON))
                .hasStatusOk().bodyJson().extractingPath("$.assignedThisMonth").isEqualTo(42);
        verify(directory).save(ANA);
    }

    @Test
    void aManagerSetsARepsPasswordWhichNoAnswerShows() {
        String withPassword = ANA_JSON.replace("}", ",\"password\":\"new-secret-9\"}");
        assertThat(mvc.put().uri("/api/reps/ana").with(MANAGER).with(csrf()).contentType(APPLICATION_JSON).content(withPassword))
                .hasStatusOk().bodyText().doesNotContain("password", "new-secret-9");
        verify(directory).save(ANA);
        verify(directory).setPassword("ana", "new-secret-9");
        assertThat(mvc.get().uri("/api/reps/ana").with(MANAGER)).hasStatusOk().bodyText().doesNotContain("password");
    }

    @Test
    void aManagersSessionChangesARepWithItsCsrfTokenOnly() {
        assertThat(mvc.put().uri("/api/reps/ana").with(MANAGER).contentType(APPLICATION_JSON).content(ANA_JSON))
                .hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.detail").isEqualTo("Missing or wrong CSRF token");
        assertThat(mvc.put().uri("/api/reps/ana").with(MANAGER).with(csrf()).contentType(APPLICATION_JSON).content(ANA_JSON))
                .hasStatusOk();
        verify(directory).save(ANA);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nothing given           | ana      | {}                                                                                                                      | name email team active monthlyCapacity
            unknown team            | ana      | {"name":"Ana","email":"ana@leadflow.local","team":"emea","active":true,"monthlyCapacity":100}                            | team
            negative capacity       | ana      | {"name":"Ana","email":"ana@leadflow.local","team":"latam","active":true,"monthlyCapacity":-1}                            | monthlyCapacity
            capacity as text        | ana      | {"name":"Ana","email":"ana@leadflow.local","team":"latam","active":true,"monthlyCapacity":"lots"}                        | monthlyCapacity
            active not a boolean    | ana      | {"name":"Ana","email":"ana@leadflow.local","team":"latam","active":"maybe","monthlyCapacity":100}                        | active
            bad email, line break   | ana      | {"name":"Ana\\nBcc","email":"ana at leadflow","team":"latam","active":true,"monthlyCapacity":100}                        | name email
            bidi override, bad host | ana      | {"name":"Ana\\u202Eevil","email":"ana@-leadflow.co","team":"latam","active":true,"monthlyCapacity":100}                 | name email
            back on a bad date      | ana      | {"name":"Ana","email":"ana@leadflow.local","team":"latam","active":true,"away":true,"awayUntil":"next week","monthlyCapacity":100} | awayUntil
            back on, but not away   | ana      | {"name":"Ana","email":"ana@leadflow.local","team":"latam","active":true,"awayUntil":"2026-03-20","monthlyCapacity":100}  | awayUntil
            username with a bang    | ana!     | {"name":"Ana","email":"ana@leadflow.local","team":"latam","active":true,"monthlyCapacity":100}                            | username
            password too short      | ana      | {"name":"Ana","email":"ana@leadflow.local","team":"latam","active":true,"monthlyCapacity":100,"password":"short"}         | password
            """)
    void aBadRepIsA400NamingTheFieldsAtFault(String why, String username, String body, String fieldsAtFault) {
        assertThat(mvc.put().uri("/api/reps/" + username).header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .contentType(APPLICATION_JSON).content(body))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder((Object[]) fieldsAtFault.split(" "));
        verify(directory, never()).save(any(Rep.class));
    }

    @Test
    void aTeamGetsAManagerOfTheDirectoryOnly() {
        when(directory.isManager("marta")).thenReturn(true);
        assertThat(mvc.put().uri("/api/teams/emea").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .contentType(APPLICATION_JSON).content("{\"manager\":\"ben\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("manager");
        when(directory.save(any(Team.class))).thenReturn(true);
        assertThat(mvc.put().uri("/api/teams/emea").header(AUTHORIZATION, WithApiKeySecurity.BEARER)
                .contentType(APPLICATION_JSON).content("{\"manager\":\"marta\"}"))
                .hasStatus(HttpStatus.CREATED).bodyJson().isStrictlyEqualTo("{\"name\":\"emea\",\"manager\":\"marta\"}");
        verify(directory).save(new Team("emea", "marta"));
    }

    // the page -------------------------------------------------------------------------------------------

    @Test
    void thePageIsForManagers() {
        assertThat(mvc.get().uri("/reps").with(REP)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.get().uri("/reps").with(MANAGER)).hasStatusOk().bodyText()
                .contains("Ana Torres", "42 of 100", "value=\"2026-03-20\"", "Away today", "action=\"/reps/ana\"",
                        "<nav class=\"managers\"", "<a href=\"/manager\">");
    }

    @Test
    void thePageInSpanish() {
        assertThat(mvc.get().uri("/reps").with(MANAGER).header("Accept-Language", "es-AR")).hasStatusOk().bodyText()
                .contains("<html lang=\"es\">", "<h1>Vendedores</h1>", "42 de 100", "Ausente hoy", "<h2>Buzones</h2>",
                        "aria-label=\"Capacidad mensual de Ana Torres\"", "Guardar buzón")
                .doesNotContain("Away today", "Mailboxes");
    }

    @Test
    void aManagerSetsAvailabilityAndCapacityOnThePage() {
        assertThat(mvc.post().uri("/reps/ana").with(MANAGER).with(csrf()).param("active", "true").param("monthlyCapacity", "60"))
                .hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/reps");
        verify(directory).save(new Rep("ana", "Ana Torres", "ana@leadflow.local", "latam", true, false, null, 60));
        verify(directory, never()).setPassword(any(), any());
    }

    @Test
    void aManagerSetsARepsPasswordOnThePageAndAShortOneIsRefused() {
        assertThat(mvc.post().uri("/reps/ana").with(MANAGER).with(csrf()).param("active", "true").param("monthlyCapacity", "60")
                .param("password", "new-secret-9")).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/reps");
        verify(directory).setPassword("ana", "new-secret-9");
        assertThat(mvc.post().uri("/reps/ana").with(MANAGER).with(csrf()).param("active", "true").param("monthlyCapacity", "60")
                .param("password", "short")).hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText()
                .contains("Ana Torres: the password is 8 to 200 characters.").doesNotContain("value=\"short\"");
        verify(directory, times(1)).setPassword(any(), any());
    }

    @Test
    void aManagerMovesARepToAnotherTeamOnThePage() {
        assertThat(mvc.post().uri("/reps/ana").with(MANAGER).with(csrf()).param("active", "true").param("monthlyCapacity", "100")
                .param("team", "international")).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/reps");
        verify(directory).save(new Rep("ana", "Ana Torres", "ana@leadflow.local", "international", true, false, null, 100));
        assertThat(mvc.get().uri("/reps").with(MANAGER)).bodyText().contains("<option value=\"latam\" selected>latam</option>");
    }

    @Test
    void aManagerAddsARepOnThePageWithAPassword() {
        assertThat(mvc.post().uri("/reps").with(MANAGER).with(csrf()).param("username", "carla").param("name", "Carla Díaz")
                .param("email", "carla@leadflow.local").param("team", "latam").param("monthlyCapacity", "80")
                .param("password", "carla-secret-1")).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/reps");
        verify(directory).save(new Rep("carla", "Carla Díaz", "carla@leadflow.local", "latam", true, false, null, 80));
        verify(directory).setPassword("carla", "carla-secret-1");

        assertThat(mvc.post().uri("/reps").with(MANAGER).with(csrf()).param("username", "ana").param("name", "Ana Again")
                .param("email", "ana2@leadflow.local").param("team", "latam").param("monthlyCapacity", "80").param("password", "ana-secret-1"))
                .hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText().contains("There is a rep with that username already");
        assertThat(mvc.post().uri("/reps").with(MANAGER).with(csrf()).param("username", "dora").param("name", "Dora")
                .param("email", "dora@leadflow.local").param("team", "nowhere").param("monthlyCapacity", "80").param("password", "dora-secret-1"))
                .hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText().contains("Dora: the team is required, one of ");
        assertThat(mvc.post().uri("/reps").with(MANAGER).with(csrf()).param("username", "eva").param("name", "Eva")
                .param("email", "eva@leadflow.local").param("team", "latam").param("monthlyCapacity", "80"))
                .hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText().contains("A new rep needs a password");
        verify(directory, times(1)).save(any(Rep.class));
    }

    @Test
    void aBadCapacityOnThePageIsShownAndNothingIsSaved() {
        assertThat(mvc.post().uri("/reps/ana").with(MANAGER).with(csrf()).param("active", "true").param("monthlyCapacity", "lots"))
                .hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText()
                .contains("Ana Torres: the monthly capacity is required, a whole number from 0 to 100000.");
        assertThat(mvc.post().uri("/reps/ana").with(MANAGER).with(csrf()).header("Accept-Language", "es-MX").param("active", "true")
                .param("monthlyCapacity", "lots")).hasStatus(HttpStatus.UNPROCESSABLE_ENTITY).bodyText()
                .contains("No se guardó:", "Ana Torres: la capacidad mensual es obligatoria, un número entero de 0 a 100000.")
                .doesNotContain("monthlyCapacity is", "the monthly capacity");
        assertThat(mvc.post().uri("/reps/ana").with(MANAGER).param("monthlyCapacity", "60")).hasStatus(HttpStatus.FORBIDDEN);
        verify(directory, never()).save(any(Rep.class));
    }
}
