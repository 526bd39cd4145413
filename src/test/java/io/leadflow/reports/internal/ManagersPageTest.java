package io.leadflow.reports.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.reports.PlannerProperties;
import io.leadflow.security.WithApiKeySecurity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The managers' page in English and in Spanish, with its script's texts in the same language; the API's 401 before CSRF. */
@WebMvcTest(ManagersPage.class)
@WithApiKeySecurity
@EnableConfigurationProperties(PlannerProperties.class)
class ManagersPageTest {

    private static final Pattern SCRIPT_TEXTS = Pattern.compile("id=\"manager-messages\"[^>]*data-messages='([^']*)'");
    private static final RequestPostProcessor MARTA = user("marta").roles("REP", "MANAGER");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvcTester mvc;
    @Autowired
    ObjectMapper json;

    @Test
    void thePageAndItsScriptsTextsInEnglish() throws Exception {
        String page = page("en");
        assertThat(page).contains("<html lang=\"en\">", "<h1>Managers&#39; view</h1>", "<h2 id=\"planner-title\">Revenue planner</h2>",
                "reps&#39; time is enough for 5 attempts per lead");
        JsonNode texts = scriptTexts(page);
        assertThat(texts.path("noBreaches").asText()).isEqualTo("No breaches. Nice work.");
        assertThat(texts.path("stages.OPPORTUNITY").asText()).isEqualTo("Opportunities");
    }

    @Test
    void thePageAndItsScriptsTextsInSpanish() throws Exception {
        String page = page("es");
        assertThat(page).contains("<html lang=\"es\">", "<h1>Vista de gerentes</h1>", "<h2 id=\"planner-title\">Planificador de ingresos</h2>",
                "Prospecto → lead").doesNotContain("Revenue planner");
        JsonNode texts = scriptTexts(page);
        assertThat(texts.path("noBreaches").asText()).isEqualTo("Sin incumplimientos. ¡Buen trabajo!");
        assertThat(texts.path("slaSummary").asText()).startsWith("{0} de {1} primeros intentos a tiempo");
        assertThat(texts.size()).as("every text of the script").isEqualTo(scriptTexts(page("en")).size());
    }

    @Test
    void thePeriodAndTheFiltersOfTheUrlGoToTheReportsAndTheDrillDowns() throws Exception {
        var result = mvc.get().uri("/manager?period=custom&from=2026-11-03&to=2026-11-09&team=latam&rep=ana&source={source}&type=FORM_FILL", "e book")
                .with(MARTA).header("Accept-Language", "en").exchange();
        assertThat(result).hasStatusOk();
        String page = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("<option value=\"custom\" selected>Custom dates</option>", "id=\"from\" name=\"from\" value=\"2026-11-03\"",
                "id=\"to\" name=\"to\" value=\"2026-11-09\"", "name=\"source\" value=\"e book\"",
                "<option value=\"FORM_FILL\" selected>", "From 2026-11-03 to 2026-11-09, whole days in UTC.");
        // The API's end is exclusive; the lead list names a rep "owner".
        assertThat(HtmlUtils.htmlUnescape(page)).contains("data-report-query=\"team=latam&rep=ana&source=e%20book&type=FORM_FILL&from=2026-11-03&to=2026-11-10\"",
                "data-leads-query=\"team=latam&owner=ana&source=e%20book&type=FORM_FILL\"");
    }

    @Test
    void aCustomPeriodThatCannotBeReadSaysSoAndShowsThisMonth() throws Exception {
        var result = mvc.get().uri("/manager?period=custom&from=soon&to=2026-11-09").with(MARTA).header("Accept-Language", "es").exchange();
        assertThat(result).hasStatusOk();
        String page = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(HtmlUtils.htmlUnescape(page)).contains("El \"Desde\" del periodo elegido no es una fecha", "<option value=\"this-month\" selected>Este mes",
                "data-leads-query=\"\"");
    }

    @Test
    void anApiCallWithNoCredentialsIs401EvenWithoutItsCsrfToken() {
        assertThat(mvc.post().uri("/api/planner").contentType("application/json").content("{}")).hasStatus(HttpStatus.UNAUTHORIZED)
                .bodyText().contains("Missing or wrong API key").doesNotContain("CSRF");
        assertThat(mvc.put().uri("/api/reps/ana").contentType("application/json").content("{}")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.post().uri("/api/planner").with(MARTA).contentType("application/json").content("{}"))
                .as("a manager signed in still needs the token").hasStatus(HttpStatus.FORBIDDEN).bodyText().contains("CSRF");
        assertThat(mvc.post().uri("/api/planner").with(user("ben").roles("REP")).with(csrf()).contentType("application/json").content("{}"))
                .hasStatus(HttpStatus.FORBIDDEN).bodyText().contains("For managers only");
    }

    private String page(String language) throws Exception {
        var result = mvc.get().uri("/manager").with(MARTA).header("Accept-Language", language).exchange();
        assertThat(result).hasStatusOk();
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private JsonNode scriptTexts(String page) throws Exception {
        Matcher texts = SCRIPT_TEXTS.matcher(page);
        assertThat(texts.find()).as("the script's texts on the page").isTrue();
        return json.readTree(HtmlUtils.htmlUnescape(texts.group(1)));
    }
}
