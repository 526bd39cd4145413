package io.leadflow.email.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Out-of-office replies as people and mail servers write them, Spanish and English, read for the day they are back. */
class OutOfOfficeReaderTest {

    /** A Monday: a date without a year is the next such day on or after it. */
    private static final LocalDate SENT = LocalDate.of(2026, 12, 7);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Estoy de vacaciones, vuelvo el 14 de enero.                                          | 2027-01-14
            Estaré fuera hasta el 14/01. Para temas urgentes escribe a soporte@andesnet.co        | 2027-01-14
            Gracias por tu correo. Me encuentro fuera de la oficina hasta el día 14 de enero de 2027 | 2027-01-14
            Fuera de la oficina del 20 de diciembre al 14 de enero, con acceso limitado al correo | 2027-01-14
            Regreso el lunes 11 de enero.                                                        | 2027-01-11
            Estoy de vacaciones hasta el 15.                                                     | 2026-12-15
            Estoy de vacaciones hasta el 3.                                                      | 2027-01-03
            Me reincorporo el 02/01/2027.                                                        | 2027-01-02
            Estaré fuera de la oficina hasta el 05.01.2027                                       | 2027-01-05
            Estoy de viaje, vuelvo el 8 dic.                                                     | 2026-12-08
            De baja por maternidad hasta el 1 de marzo de 2027.                                  | 2027-03-01
            Estoy fuera de la oficina, vuelvo el jueves.                                         | 2026-12-10
            Estoy fuera, vuelvo mañana.                                                          | 2026-12-08
            Ausente hasta el 7 de diciembre                                                      | 2026-12-07
            I'll be back on January 14.                                                          | 2027-01-14
            I am out of the office returning 14 Jan 2027.                                        | 2027-01-14
            Out of office until 01/14                                                            | 2027-01-14
            I'm on vacation until 01/05 with no access to email.                                  | 2027-01-05
            Thank you for your email. I am currently out of the office until Monday, January 11th, 2027. | 2027-01-11
            I'm away from the office from Dec 21 to Jan. 4 and will respond when I return.       | 2027-01-04
            I will be on annual leave through the 18th.                                          | 2026-12-18
            I'm on parental leave. I'll be back in the office on 2027-03-15.                      | 2027-03-15
            OOO until Mon. Jan. 11                                                               | 2027-01-11
            I'm travelling and will return on the 14th of January.                               | 2027-01-14
            I am out of office and will be back on Thursday.                                     | 2026-12-10
            I'm out of the office until 14/01/27.                                                | 2027-01-14
            I'll return on Jan 8.                                                                | 2027-01-08
            Estoy fuera de la oficina desde el 20/12 hasta el 08/01. / I am out of the office from 12/20 to 01/08. | 2027-01-08
            Out of the office 21 Dec – 8 Jan, back on Monday 11 January 2027.                      | 2027-01-11
            Automatic reply: Out of office until Friday                                           | 2026-12-11
            """)
    void readsTheDayTheyAreBack(String reply, LocalDate back) {
        assertThat(OutOfOfficeReader.read(reply, SENT, "andesnet.co")).hasValue(new OutOfOfficeReader.Absence(back));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Ahora no, escríbeme después del 15 de marzo.                            | 2027-03-15
            Ahora no es buen momento, hablemos en marzo.                            | 2027-03-01
            Escríbeme en marzo.                                                     | 2027-03-01
            Write me in March.                                                      | 2027-03-01
            Not a good time. Try me again in March 2027.                            | 2027-03-01
            No por ahora. Escríbeme en enero, o mejor después del 20 de enero.      | 2027-01-20
            Not now, we are closing the year. Let's talk after January 11th.        | 2027-01-11
            Not now, maybe next quarter.                                            |
            Not now: we already met on 2026-12-01.                                  |
            """)
    void aNotNowReplyGivesTheLatestLaterDayItsWordsName(String reply, LocalDate comeBackOn) {
        assertThat(OutOfOfficeReader.latestDay(reply, SENT, "andesnet.co")).isEqualTo(Optional.ofNullable(comeBackOn));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Estoy fuera de la oficina con acceso limitado al correo.",
            "I am out of the office with limited access to email. For urgent matters call 555-1234.",
            "I'm on vacation and will be back at 9.30 next week.",
            "Estoy de vacaciones hasta el 0. Vuelvo el 32/13 o el 31 de febrero.",
            "Out of office: back in 1-2 weeks.",
            "Estoy de vacaciones. Para urgencias escribe a maria@andesnet.co o llama al 300 123 4567."})
    void anAbsenceWithoutADayHasNone(String reply) {
        assertThat(OutOfOfficeReader.read(reply, SENT, "andesnet.co")).hasValue(new OutOfOfficeReader.Absence(null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Hemos recibido tu solicitud (ticket #48213). Te responderemos antes del 14/01.",
            "Thank you for contacting support. Your request #48213 has been received and will be answered within 2 business days.",
            "This mailbox is not monitored. Please write to hello@andesnet.co.",
            "Este buzón no admite respuestas."})
    void otherAutomaticRepliesAreNoAbsence(String reply) {
        assertThat(OutOfOfficeReader.read(reply, SENT, "andesnet.co")).isEmpty();
    }

    @ParameterizedTest(name = "{0} from {1} → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            I'm out of the office until 02/01.        | andesnet.com | 2027-02-01
            I'm out of the office until 02/01.        | acme.co.uk   | 2027-01-02
            Estoy fuera de la oficina hasta el 02/01. | andesnet.com | 2027-01-02
            I'm out of the office until 13/01.        | andesnet.com | 2027-01-13
            Estoy fuera hasta el 01/13.               | andesnet.co  | 2027-01-13
            """)
    void anAmbiguousNumericDateFollowsItsLanguageOrTheSendersCountry(String reply, String domain, LocalDate back) {
        assertThat(OutOfOfficeReader.read(reply, SENT, domain)).hasValue(new OutOfOfficeReader.Absence(back));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Estoy de vacaciones hasta el 15 de enero.\n\nEl lun, 7 dic 2026 a las 10:00, Ana Torres escribió:\n> ¿Hablamos el 20 de enero?",
            "Out of office until January 15.\n\n-----Original Message-----\nFrom: Ana\nSent: Monday\nBack to you on 20 January?"})
    void theMailItQuotesDoesNotCount(String reply) {
        assertThat(OutOfOfficeReader.read(reply, SENT, null)).hasValue(new OutOfOfficeReader.Absence(LocalDate.of(2027, 1, 15)));
    }
}
