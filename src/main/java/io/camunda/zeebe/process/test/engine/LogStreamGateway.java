package io.camunda.zeebe.process.test.engine;

import com.google.protobuf.GeneratedMessage;
import io.camunda.zeebe.engine.processing.streamprocessor.JobStreamer;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.stream.api.CommandResponseWriter;
import io.camunda.zeebe.stream.api.InterPartitionCommandSender;
import io.camunda.zeebe.util.buffer.BufferUtil;
import io.camunda.zeebe.util.buffer.BufferWriter;
import io.grpc.BindableService;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens Zeebe Process Test's gRPC gateway (package-private in zeebe-process-test-engine 8.8) to
 * leadflow's durable embedded engine, {@code io.leadflow.engine.embedded.EmbeddedZeebe}. The gateway
 * turns client requests into commands on the log and the engine's responses back into gRPC answers,
 * exactly as it does for ZPT's in-memory engine.
 *
 * <p>Three changes make it safe on a log that outlives the process: request ids never repeat across
 * restarts; a response to a request of an earlier run (a command written before a crash and
 * processed after it) is dropped instead of failing the stream processor; and the response writer
 * keeps its state per engine (ZPT's keeps part of it in static fields).
 */
public final class LogStreamGateway {

    private final RestartSafeRequestStore requests = new RestartSafeRequestStore();
    private final CommandSender commandSender;
    private final InMemoryJobStreamer jobStreamer;
    private final GrpcToLogStreamGateway service;
    private final CommandResponseWriter responseWriter;

    public LogStreamGateway(LogStreamWriter writer, int partitionId, int port) {
        CommandWriter commandWriter = new CommandWriter(writer);
        commandSender = new CommandSender(commandWriter);
        jobStreamer = new InMemoryJobStreamer(commandWriter);
        service = new GrpcToLogStreamGateway(commandWriter, partitionId, 1, port, requests, jobStreamer);
        responseWriter = new ResponseWriter(requests);
    }

    public BindableService service() {
        return service;
    }

    public CommandResponseWriter responseWriter() {
        return responseWriter;
    }

    public InterPartitionCommandSender commandSender() {
        return commandSender;
    }

    public JobStreamer jobStreamer() {
        return jobStreamer;
    }

    /** Mirrors ZPT's GrpcResponseWriter: the engine sets a response's parts, then asks to send it. */
    private static final class ResponseWriter implements CommandResponseWriter {

        private final RestartSafeRequestStore requests;
        private final GrpcResponseMapper mapper = new GrpcResponseMapper();
        private final MutableDirectBuffer value = new ExpandableArrayBuffer();
        private final DirectBuffer valueView = new UnsafeBuffer();
        private long key = -1;
        private Intent intent = Intent.UNKNOWN;
        private RejectionType rejectionType = RejectionType.NULL_VAL;
        private String rejectionReason = "";

        ResponseWriter(RestartSafeRequestStore requests) {
            this.requests = requests;
        }

        @Override
        public CommandResponseWriter partitionId(int partitionId) {
            return this;
        }

        @Override
        public CommandResponseWriter key(long key) {
            this.key = key;
            return this;
        }

        @Override
        public CommandResponseWriter intent(Intent intent) {
            this.intent = intent;
            return this;
        }

        @Override
        public CommandResponseWriter recordType(RecordType type) {
            return this;
        }

        @Override
        public CommandResponseWriter valueType(ValueType valueType) {
            return this;
        }

        @Override
        public CommandResponseWriter rejectionType(RejectionType rejectionType) {
            this.rejectionType = rejectionType;
            return this;
        }

        @Override
        public CommandResponseWriter rejectionReason(DirectBuffer rejectionReason) {
            this.rejectionReason = BufferUtil.bufferAsString(rejectionReason);
            return this;
        }

        @Override
        public CommandResponseWriter valueWriter(BufferWriter writer) {
            writer.write(value, 0);
            valueView.wrap(value, 0, writer.getLength());
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void tryWriteResponse(int requestStreamId, long requestId) {
            GatewayRequestStore.Request request = requests.removeRequest(requestId);
            if (request == null) {
                return;
            }
            StreamObserver<GeneratedMessage> observer = (StreamObserver<GeneratedMessage>) request.responseObserver();
            try {
                if (rejectionType != RejectionType.NULL_VAL) {
                    observer.onError(StatusProto.toStatusException(mapper.createRejectionResponse(rejectionType, intent, rejectionReason)));
                    return;
                }
                observer.onNext(mapper.map(request.requestType(), valueView, key, intent));
                observer.onCompleted();
            } catch (StatusRuntimeException clientGone) {
                // The client gave up waiting (timeout, cancel): the command took effect all the same.
                LoggerFactory.getLogger(LogStreamGateway.class).debug("Response to a client that left: {}", clientGone.getMessage());
            }
        }
    }

    /** Ids start at this run's start time (ms × 10⁶), above any id an earlier run handed out. */
    private static final class RestartSafeRequestStore extends GatewayRequestStore {

        private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1_000_000L);
        private final Map<Long, Request> open = new ConcurrentHashMap<>();

        @Override
        Long registerNewRequest(Class<? extends GeneratedMessage> requestType, StreamObserver<?> responseObserver) {
            long id = ids.incrementAndGet();
            open.put(id, new Request(requestType, responseObserver));
            return id;
        }

        @Override
        Request removeRequest(Long requestId) {
            return open.remove(requestId);
        }
    }
}
