package io.leadflow.platform;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** leadflow's own constraints name the field at fault with what is wrong, as a problem+json "errors" member says it. */
class RequestConstraintsTest {

    record Contact(@SafeText String name, @EmailAddress String email) {
    }

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private final Validator validator = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void aFieldOfUnsafeTextAndABadAddressAreEachNamedWithTheirFault() {
        assertThat(validator.validate(new Contact("Ana\u202Egnp.exe", "ana at andesnet")).stream().map(FieldError::of))
                .containsExactlyInAnyOrder(
                        new FieldError("name", "must not contain control, line-break or bidi-override characters "
                                + "(CR, LF, tab, U+2028, U+202E, ...): U+202E at character 4"),
                        new FieldError("email", "is not an email address"));
    }

    @Test
    void absentFieldsArePrintableTextAndNoAddressToRefuse() {
        assertThat(validator.validate(new Contact(null, null))).isEmpty();
        assertThat(validator.validate(new Contact("María de la O", "maria.o+leads@andesnet.com.co"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana", "ana@leadflow", "ana@-andesnet.co", "ana@andesnet-.co", "ana maria@andesnet.co", "ana@andes net.co",
            "ana@@andesnet.co", "josé@andesnet.co", "ana@andesnet.co\n"})
    void anAddressOutsideTheOneRuleIsRefused(String address) {
        assertThat(EmailAddress.Validator.matches(address)).isFalse();
    }

    @Test
    void anAddressLongerThanAMailServerTakesIsRefused() {
        assertThat(EmailAddress.Validator.matches("a".repeat(64) + "@" + "b".repeat(60) + ".co")).isTrue();
        assertThat(EmailAddress.Validator.matches("a".repeat(300) + "@" + "b".repeat(60) + ".co")).isFalse();
    }
}
