package io.leadflow.platform;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * The one rule for an email address leadflow takes (a lead's, a rep's, a mailbox's, one typed in a task's form): at
 * most 320 characters, the HTML email input's rule (a local part of the characters RFC 5322 allows unquoted; labels of
 * letters, digits and inner hyphens), with a domain of at least two labels. A lead, a rep and a form no longer
 * disagree on what an address is: a referral typed in a task's form is not refused as a lead afterwards.
 */
@Documented
@Constraint(validatedBy = EmailAddress.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface EmailAddress {

    String message() default "is not an email address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<EmailAddress, String> {

        private static final int MAX_LENGTH = 320;
        private static final Pattern ADDRESS = Pattern.compile(
                "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

        public static boolean matches(String address) {
            return address.length() <= MAX_LENGTH && ADDRESS.matcher(address).matches();
        }

        @Override
        public boolean isValid(String address, ConstraintValidatorContext context) {
            return address == null || matches(address);
        }
    }
}
