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

/**
 * The one rule for text leadflow stores from outside (API, CSV, forms): printable text only. Control characters
 * (C0 and C1, so CR, LF, tab and NEL), the Unicode line and paragraph separators, the bidi embeddings, overrides and
 * isolates that make a name read differently from what it is, and lone surrogates (stored as '?') are refused. As a
 * Bean Validation constraint its message is the fault found, naming the character and where it is.
 */
@Documented
@Constraint(validatedBy = SafeText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeText {

    String message() default "must be printable text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<SafeText, String> {

        /** What is wrong with the text, phrased to follow a field name; null when nothing is. */
        public static String fault(String text) {
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                if (Character.getType(codePoint) == Character.SURROGATE) {
                    return "is not valid Unicode (a lone surrogate at character " + (i + 1) + ")";
                }
                if (isRefused(codePoint)) {
                    return "must not contain control, line-break or bidi-override characters (CR, LF, tab, U+2028, U+202E, ...): "
                            + "U+%04X at character %d".formatted(codePoint, i + 1);
                }
                i += Character.charCount(codePoint);
            }
            return null;
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            String fault = text == null ? null : fault(text);
            if (fault == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(fault).addConstraintViolation();
            return false;
        }

        private static boolean isRefused(int codePoint) {
            return switch (Character.getType(codePoint)) {
                case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
                default -> (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
            };
        }
    }
}
