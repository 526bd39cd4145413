package io.leadflow.lead;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    @Test
    void anInternationalNumberIsStoredInE164WhateverTheCountry() {
        assertThat(PhoneNumbers.toE164("+57 300 123 4567", null)).contains("+573001234567");
        assertThat(PhoneNumbers.toE164("+52 55 5123 4567", "CO")).contains("+525551234567");
        assertThat(PhoneNumbers.toE164("+54 11 5123 4567", null)).contains("+541151234567");
    }

    @Test
    void aNationalNumberIsReadInTheLeadsCountry() {
        assertThat(PhoneNumbers.toE164("300 123 4567", "CO")).contains("+573001234567");
        assertThat(PhoneNumbers.toE164("300 123 4567", null)).isEmpty();
    }

    @Test
    void whatIsNoPhoneNumberIsRefused() {
        assertThat(PhoneNumbers.toE164("12345", "CO")).isEmpty();
        assertThat(PhoneNumbers.toE164("+57 300", null)).isEmpty();
        assertThat(PhoneNumbers.toE164("call me", "CO")).isEmpty();
    }
}
