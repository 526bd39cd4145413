package io.camunda.zeebe.process.test.engine;

import com.google.protobuf.GeneratedMessage;
import io.camunda.zeebe.engine.processing.streamprocessor.JobStreamer;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.protocol.impl.record.value.job.JobBatchRecord;
import io.camunda.zeebe.protocol.impl.stream.job.JobActivationProperties;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

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
 *
 * <p>And a job poll that cannot find a job is answered here, without a command on the log (ZPT writes
 * every poll, so an idle engine's log grows with its workers' polls): see {@link ActivatableJobTypes}.
 */
public final class LogStreamGateway {

    private final RestartSafeRequestStore requests = new RestartSafeRequestStore();
    private final ActivatableJobTypes activatable = new ActivatableJobTypes();
    private final CommandSender commandSender;
    private final JobStreamer jobStreamer;
    private final GrpcToLogStreamGateway service;
    private final CommandResponseWriter responseWriter;

    public LogStreamGateway(LogStreamWriter writer, int partitionId, int port) {
        CommandWriter commandWriter = new CommandWriter(writer);
        commandSender = new CommandSender(commandWriter);
        InMemoryJobStreamer streams = new InMemoryJobStreamer(commandWriter);
        jobStreamer = new JobStreamer() {
            @Override
            public Optional<JobStream> streamFor(DirectBuffer jobType, Predicate<JobActivationProperties> filter) {
                return streams.streamFor(jobType, filter);
            }

            @Override
            public void notifyWorkAvailable(String jobType) {
                activatable.jobsAvailable(jobType);
            }
        };
        service = new GrpcToLogStreamGateway(commandWriter, partitionId, 1, port, requests, streams) {
            @Override
            public void activateJobs(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> responseObserver) {
                if (!activatable.pollEngine(request.getType())) {
                    responseObserver.onNext(ActivateJobsResponse.getDefaultInstance());
                    responseObserver.onCompleted();
                    return;
                }
                super.activateJobs(request, responseObserver);
            }
        };
        responseWriter = new ResponseWriter(requests, activatable);
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

    /**
     * The job types that have no job to activate, as the engine last said, so a poll of them needs no command on
     * the log (the long polling of Zeebe's own gateway rests on the same signals). A type is unknown until a poll
     * of it reaches the engine; that poll marks it empty before its command is written, and the engine clears the
     * mark whenever a job of the type becomes activatable without being pushed to a stream (created, failed with
     * retries left, recurred after its backoff, its incident resolved: no stream to push it to; timed out or
     * yielded: always) — as a side effect after the state change, so a later poll finds the job. A poll that
     * leaves jobs behind (its batch full, or truncated) or is rejected clears the mark too. After a restart every
     * type is unknown again.
     */
    private static final class ActivatableJobTypes {

        private final Set<String> empty = ConcurrentHashMap.newKeySet();

        /** Whether a poll of this type goes to the engine; when it does, the type counts as empty until told otherwise. */
        boolean pollEngine(String jobType) {
            return empty.add(jobType);
        }

        void jobsAvailable(String jobType) {
            empty.remove(jobType);
        }

        /** Every type unknown again: its next poll goes to the engine. */
        void forget() {
            empty.clear();
        }

        /** The engine's answer to a poll: jobs may be left when it filled its batch or could not fit them all. */
        void polled(JobBatchRecord batch) {
            if (batch.isTruncated() || batch.getJobKeys().size() >= batch.getMaxJobsToActivate()) {
                jobsAvailable(batch.getType());
            }
        }
    }

    /** Mirrors ZPT's GrpcResponseWriter: the engine sets a response's parts, then asks to send it. */
    private static final class ResponseWriter implements CommandResponseWriter {

        private final RestartSafeRequestStore requests;
        private final ActivatableJobTypes activatable;
        private final JobBatchRecord batch = new JobBatchRecord();
        private final GrpcResponseMapper mapper = new GrpcResponseMapper();
        private final MutableDirectBuffer value = new ExpandableArrayBuffer();
        private final DirectBuffer valueView = new UnsafeBuffer();
        private long key = -1;
        private Intent intent = Intent.UNKNOWN;
        private RejectionType rejectionType = RejectionType.NULL_VAL;
        private String rejectionReason = "";

        ResponseWriter(RestartSafeRequestStore requests, ActivatableJobTypes activatable) {
            this.requests = requests;
            this.activatable = activatable;
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
            if (request.requestType() == ActivateJobsRequest.class) {
                polled();
            }
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

        private void polled() {
            try {
                batch.wrap(valueView, 0, valueView.capacity());
            } catch (RuntimeException unreadable) {
                activatable.forget();
                return;
            }
            if (rejectionType != RejectionType.NULL_VAL) {
                // A refused poll took nothing: its type may still have jobs.
                activatable.jobsAvailable(batch.getType());
            } else {
                activatable.polled(batch);
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
