package io.leadflow.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PronounCountsTest {

    @Test
    void countsEnglishPronounsAndContractions() {
        PronounCounts counts = PronounCounts.of("You're right: your team and you'll see. I think we'd help us; let's talk.", "en");

        assertThat(counts.reader()).isEqualTo(3);
        assertThat(counts.sender()).isEqualTo(4);
    }

    @Test
    void readsUpperCaseUsAsTheCountry() {
        assertThat(PronounCounts.of("Your US customers and us", "en").sender()).isEqualTo(1);
    }

    @Test
    void countsSpanishTuAndSenderWordsWithAndWithoutAccents() {
        PronounCounts counts = PronounCounts.of("Tú y tu equipo: te escribo a ti. Mi guía es para mí y nos sirve.", "es");

        assertThat(counts.reader()).isEqualTo(4);
        assertThat(counts.sender()).isEqualTo(3);
        assertThat(counts.usesTu()).isTrue();
        assertThat(counts.usesUsted()).isFalse();
    }

    @Test
    void countsSuAsTheReadersOnlyWhenTheEmailSpeaksAsUsted() {
        assertThat(PronounCounts.of("Tu equipo conoce a sus clientes.", "es").reader()).isEqualTo(1);
        assertThat(PronounCounts.of("Usted y su equipo conocen a sus clientes.", "es").reader()).isEqualTo(3);
    }

    @Test
    void ignoresEnclitics() {
        assertThat(PronounCounts.of("Quiero ayudarte y escribirme contigo", "es"))
                .isEqualTo(new PronounCounts(1, 0, true, false));
    }
}
