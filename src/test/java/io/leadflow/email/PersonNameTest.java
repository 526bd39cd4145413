package io.leadflow.email;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            MARÍA DE LA O          | María de la O
            maría garcía           | María García
            '  ana   maría  '      | Ana María
            JOSÉ DEL RÍO           | José del Río
            ludwig van beethoven   | Ludwig van Beethoven
            ANA-MARÍA              | Ana-María
            o'neil                 | O'Neil
            ÑOÑO                   | Ñoño
            ÉLODIE DU PONT         | Élodie du Pont
            de la vega             | De la Vega
            McDonald               | McDonald
            DeShawn de LA cruz     | DeShawn de la Cruz
            María José             | María José
            """)
    void writesEachWordAsANameAndParticlesInLowerCase(String typed, String cleaned) {
        assertThat(PersonName.clean(typed)).isEqualTo(cleaned);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\u00a0"})
    void aMissingOrBlankNameIsNull(String typed) {
        assertThat(PersonName.clean(typed)).isNull();
    }
}
