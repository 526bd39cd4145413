package io.leadflow.engine.embedded;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;

import java.net.URI;
import java.time.Duration;

/** A Camunda client for the embedded engine's gateway in a test: gRPC only, patient enough for a busy machine. */
public final class GatewayClients {

    private GatewayClients() {
    }

    /** To add to before building. */
    public static CamundaClientBuilder builder(int port) {
        return CamundaClient.newClientBuilder()
                .grpcAddress(URI.create("http://127.0.0.1:" + port))
                // Required, and unused: the embedded engine has no REST API and nothing here prefers it.
                .restAddress(URI.create("http://127.0.0.1:" + port))
                .preferRestOverGrpc(false)
                .defaultRequestTimeout(Duration.ofMinutes(1));
    }

    public static CamundaClient to(int port) {
        return builder(port).build();
    }
}
