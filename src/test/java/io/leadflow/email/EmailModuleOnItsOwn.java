package io.leadflow.email;

import io.leadflow.WithoutInfrastructure;
import io.leadflow.email.internal.MailboxPasswords;
import io.leadflow.lead.Leads;
import io.leadflow.platform.Json;
import io.leadflow.platform.WorkQueues;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * For a test of the email module on its own, without PostgreSQL or a mail server ({@link WithoutInfrastructure}): the
 * neighbours it reads and the stores a test does not look into (sending slots, connected mailboxes and their
 * passwords) are mocked. A test mocks the tables it does look into ({@code JdbcClient}) and the clock itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApplicationModuleTest(webEnvironment = WebEnvironment.NONE)
@WithoutInfrastructure
@MockitoBean(types = {SendingQuota.class, ConnectedMailboxes.class, MailboxPasswords.class, Leads.class, Json.class, WorkQueues.class})
public @interface EmailModuleOnItsOwn {
}
