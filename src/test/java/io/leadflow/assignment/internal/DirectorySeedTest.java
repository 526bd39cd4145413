package io.leadflow.assignment.internal;

import io.leadflow.assignment.AssignmentProperties;
import io.leadflow.assignment.AssignmentProperties.Account;
import io.leadflow.platform.MissingSecretException;
import io.leadflow.platform.Secrets;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The seed stores configured passwords hashed, and gives a directory without a manager its admin. */
class DirectorySeedTest {

    private static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final DirectoryRepository directory = mock(DirectoryRepository.class);

    @Test
    void configuredPeopleAreAddedWithTheirPasswordHashed() {
        Account ana = new Account("ana", "Ana Torres", "ana@leadflow.local", "ana-password", "latam");
        Account marta = new Account("marta", "Marta Ruiz", "marta@leadflow.local", "marta-password", null);
        when(directory.rep("ana")).thenReturn(Optional.empty());
        when(directory.manager("marta")).thenReturn(Optional.empty());
        when(directory.hasManager()).thenReturn(true);

        seed(new AssignmentProperties(List.of(ana), List.of(marta), "latam", 4, null, Locale.ENGLISH, 100), "prod").afterSingletonsInstantiated();

        ArgumentCaptor<String> repHash = ArgumentCaptor.forClass(String.class);
        verify(directory).insertRepIfAbsent(eq(ana), repHash.capture());
        assertThat(repHash.getValue()).startsWith("{bcrypt}").doesNotContain("ana-password");
        assertThat(PASSWORDS.matches("ana-password", repHash.getValue())).isTrue();
        ArgumentCaptor<String> managerHash = ArgumentCaptor.forClass(String.class);
        verify(directory).insertManagerIfAbsent(eq(marta), managerHash.capture());
        assertThat(PASSWORDS.matches("marta-password", managerHash.getValue())).isTrue();
        verify(directory, never()).insertManagerOfUnmanagedTeams(any(), any());
    }

    @Test
    void aDirectoryWithoutManagerGetsAnAdminWithTheConfiguredPassword() {
        seed(new AssignmentProperties(List.of(), List.of(), "latam", 4, "admin-password-1", Locale.ENGLISH, 100), "prod").afterSingletonsInstantiated();

        ArgumentCaptor<Account> admin = ArgumentCaptor.forClass(Account.class);
        ArgumentCaptor<String> hash = ArgumentCaptor.forClass(String.class);
        verify(directory).insertManagerOfUnmanagedTeams(admin.capture(), hash.capture());
        assertThat(admin.getValue().username()).isEqualTo("admin");
        assertThat(PASSWORDS.matches("admin-password-1", hash.getValue())).isTrue();
    }

    @Test
    void outsideDevAnAdminWithoutPasswordStopsTheStartNamingTheVariable() {
        DirectorySeed seed = seed(new AssignmentProperties(List.of(), List.of(), "latam", 4, null, Locale.ENGLISH, 100), "prod");
        assertThatThrownBy(seed::afterSingletonsInstantiated)
                .isInstanceOf(MissingSecretException.class).hasMessageContaining("LEADFLOW_ADMIN_PASSWORD");
        verify(directory, never()).insertManagerOfUnmanagedTeams(any(), any());
    }

    @Test
    void inDevTheAdminGetsAGeneratedPassword() {
        seed(new AssignmentProperties(List.of(), List.of(), "latam", 4, null, Locale.ENGLISH, 100), Secrets.DEV_PROFILE).afterSingletonsInstantiated();

        ArgumentCaptor<String> hash = ArgumentCaptor.forClass(String.class);
        verify(directory).insertManagerOfUnmanagedTeams(any(), hash.capture());
        assertThat(hash.getValue()).startsWith("{bcrypt}");
    }

    private DirectorySeed seed(AssignmentProperties settings, String profile) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profile);
        return new DirectorySeed(settings, directory, PASSWORDS, new Secrets(environment));
    }
}
