package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientConfiguration;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.impl.basicauth.BasicAuthCredentialsProvider;
import io.camunda.client.impl.oauth.OAuthCredentialsProvider;
import io.camunda.client.spring.configuration.CamundaAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/production.md's example of each remote target, as written there, over leadflow's application.yaml: the Camunda starter
 * binds it and builds the client with its addresses and credentials. No cluster is reached: the client connects, and
 * fetches a token, only at its first command.
 */
class CamundaClientAuthenticationTest {

    private static final Pattern EXAMPLE = Pattern.compile("```yaml\\n# (?<target>[^\\n]+)\\n(?<yaml>.*?)```", Pattern.DOTALL);

    @Test
    void saasTakesItsAddressesFromTheClusterIdAndRegionAndItsTokenFromCamundasLogin() throws IOException {
        try (ConfigurableApplicationContext context = start(example("SaaS"), "--CAMUNDA_CLIENT_ID=leadflow-client",
                "--CAMUNDA_CLIENT_SECRET=saas-secret", "--CAMUNDA_CLUSTER_ID=9d2e5f3a-77b1-4c1e-8f0e-1c2b3a4d5e6f",
                "--CAMUNDA_CLUSTER_REGION=bru-2")) {
            CamundaClientConfiguration client = context.getBean(CamundaClient.class).getConfiguration();

            assertThat(client.getGrpcAddress()).isEqualTo(URI.create("https://9d2e5f3a-77b1-4c1e-8f0e-1c2b3a4d5e6f.bru-2.zeebe.camunda.io:443"));
            assertThat(client.getRestAddress()).isEqualTo(URI.create("https://bru-2.zeebe.camunda.io:443/9d2e5f3a-77b1-4c1e-8f0e-1c2b3a4d5e6f"));
            assertOAuth(client.getCredentialsProvider(), "https://login.cloud.camunda.io/oauth/token", "leadflow-client",
                    "saas-secret", "zeebe.camunda.io");
        }
    }

    @Test
    void selfManagedWithOidcAsksItsIdentityProviderForATokenWithTheClientsCredentials() throws IOException {
        try (ConfigurableApplicationContext context = start(example("Self-Managed, OIDC"), "--LEADFLOW_CAMUNDA_CLIENT_SECRET=oidc-secret")) {
            CamundaClientConfiguration client = context.getBean(CamundaClient.class).getConfiguration();

            assertThat(client.getGrpcAddress()).isEqualTo(URI.create("https://zeebe.camunda.example.com:443"));
            assertThat(client.getRestAddress()).isEqualTo(URI.create("https://camunda.example.com"));
            assertOAuth(client.getCredentialsProvider(),
                    "https://keycloak.example.com/auth/realms/camunda-platform/protocol/openid-connect/token", "leadflow",
                    "oidc-secret", "orchestration-api");
        }
    }

    @Test
    void selfManagedWithBasicAuthenticationSendsTheUserAndPasswordWithEveryRequest() throws IOException {
        try (ConfigurableApplicationContext context = start(example("Self-Managed, basic"), "--LEADFLOW_CAMUNDA_PASSWORD=basic-secret")) {
            CamundaClientConfiguration client = context.getBean(CamundaClient.class).getConfiguration();

            assertThat(client.getGrpcAddress()).isEqualTo(URI.create("http://camunda:26500"));
            assertThat(client.getRestAddress()).isEqualTo(URI.create("http://camunda:8080"));
            assertThat(client.getCredentialsProvider()).isInstanceOf(BasicAuthCredentialsProvider.class);
            Map<String, String> headers = new HashMap<>();
            client.getCredentialsProvider().applyCredentials(headers::put);
            assertThat(headers).containsEntry("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("leadflow:basic-secret".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void theEmbeddedEngineAloneGetsItsGatewayAsTheClientsAddress() {
        try (ConfigurableApplicationContext context = start(List.of(), "--leadflow.engine.mode=embedded",
                "--leadflow.engine.embedded.port=26611")) {
            assertThat(context.getBean(CamundaClient.class).getConfiguration().getGrpcAddress())
                    .isEqualTo(URI.create("http://127.0.0.1:26611"));
        }
        try (ConfigurableApplicationContext context = start(List.of(), "--leadflow.engine.mode=remote",
                "--leadflow.engine.embedded.port=26611")) {
            assertThat(context.getBean(CamundaClient.class).getConfiguration().getGrpcAddress().getPort()).isEqualTo(26500);
        }
    }

    private static void assertOAuth(CredentialsProvider provider, String tokenUrl, String clientId, String clientSecret, String audience)
            throws IOException {
        assertThat(provider).isInstanceOf(OAuthCredentialsProvider.class)
                .extracting("authorizationServerUrl", "clientId", "clientSecret", "audience")
                .containsExactly(new URL(tokenUrl), clientId, clientSecret, audience);
    }

    /** The starter and leadflow's settings (application.yaml and the arguments), as leadflow starts them. */
    private static ConfigurableApplicationContext start(List<String> example, String... arguments) {
        List<String> all = new ArrayList<>(example);
        all.addAll(List.of(arguments));
        all.add("--spring.main.banner-mode=off");
        return new SpringApplicationBuilder(StarterOnly.class).web(WebApplicationType.NONE).run(all.toArray(String[]::new));
    }

    /** docs/production.md's example for this target, as arguments (they win over application.yaml, as a user's settings do). */
    private static List<String> example(String target) throws IOException {
        Matcher examples = EXAMPLE.matcher(Files.readString(Path.of("docs/production.md")));
        while (examples.find()) {
            if (examples.group("target").equals(target)) {
                YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
                yaml.setResources(new ByteArrayResource(examples.group("yaml").getBytes(StandardCharsets.UTF_8)));
                Properties settings = yaml.getObject();
                return settings.stringPropertyNames().stream().map(name -> "--" + name + "=" + settings.getProperty(name)).toList();
            }
        }
        throw new AssertionError("docs/production.md has no yaml example headed # " + target);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({CamundaAutoConfiguration.class, JacksonAutoConfiguration.class})
    static class StarterOnly {
    }
}
