package io.leadflow.engine;

import io.camunda.client.CamundaClient;
import io.leadflow.LeadflowIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * In embedded mode leadflow's one Camunda client reaches the engine in-process, never over TCP: the address a client
 * would dial ({@code camunda.client.grpc-address}) is here a socket that answers nothing, and yet a lead goes from its
 * POST through the job workers to its rep's task, and nothing dialled that socket.
 */
class InProcessClientIT extends LeadflowIntegrationTest {

    private static final ServerSocket SILENT = listen();

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void clientAddress(DynamicPropertyRegistry registry) {
        registry.add("camunda.client.grpc-address", () -> "http://127.0.0.1:" + SILENT.getLocalPort());
    }

    @AfterAll
    static void closeSocket() throws IOException {
        SILENT.close();
    }

    @Test
    void leadflowsClientWorksWithoutDiallingTheEngine() throws IOException {
        UUID lead = postLead(mqlLead("Ines"));

        awaitLead(lead, l -> openTask(l, "First contact") != null);

        assertThat(context.getBeansOfType(CamundaClient.class)).hasSize(1);
        // A connection, had any client made one, would wait in the socket's backlog.
        SILENT.setSoTimeout(1);
        assertThatThrownBy(SILENT::accept).isInstanceOf(SocketTimeoutException.class);
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
