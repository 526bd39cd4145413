package io.leadflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stub of a Camunda 8.8 cluster's Orchestration Cluster REST API on a free loopback port, answering as Camunda
 * documents it (keys as strings, searches as POST with filter, sort and page, an unknown key a 404 problem), and a
 * client of it that speaks REST only: the cluster is not run in the fast tests.
 */
final class ClusterStub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What the stub was asked: method, path and body. */
    record Call(String method, String path, JsonNode body) {
    }

    /** The test's answer to a call. */
    interface Answer {
        void answer(Call call, HttpExchange exchange) throws IOException;
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final CamundaClient client;
    private final HttpServer server;

    private ClusterStub(HttpServer server, CamundaClient client) {
        this.server = server;
        this.client = client;
    }

    static ClusterStub start(Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CamundaClient client = CamundaClient.newClientBuilder()
                .restAddress(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .grpcAddress(URI.create("http://127.0.0.1:1"))
                .preferRestOverGrpc(true)
                .build();
        ClusterStub stub = new ClusterStub(server, client);
        server.createContext("/v2/", exchange -> {
            try (exchange) {
                byte[] request = exchange.getRequestBody().readAllBytes();
                Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        request.length == 0 ? JSON.nullNode() : JSON.readTree(request));
                stub.calls.add(call);
                answer.answer(call, exchange);
            }
        });
        server.start();
        return stub;
    }

    /** leadflow's engine settings for remote mode (the models' location, the start message's life). */
    static EngineProperties remoteSettings() {
        return new EngineProperties(EngineProperties.Mode.REMOTE, Path.of("unused"), Duration.ofDays(1),
                "classpath*:processes/*", Duration.ofMinutes(2), new EngineProperties.Embedded("127.0.0.1", 0, DataSize.ofMegabytes(1),
                Duration.ofSeconds(15), Duration.ofMinutes(1), null));
    }

    /** The models, not deployed: their names are the elements' ids. */
    ProcessModels models() {
        return new ProcessModels(client, remoteSettings());
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A 404 problem, as the cluster answers a key it does not have. */
    static void notFound(HttpExchange exchange, String detail) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        json(exchange, 404, """
                {"type": "about:blank", "title": "NOT_FOUND", "status": 404, "detail": "%s", "instance": "%s"}"""
                .formatted(detail, exchange.getRequestURI().getPath()));
    }

    @Override
    public void close() {
        client.close();
        server.stop(0);
    }
}
