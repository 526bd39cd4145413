package io.leadflow.engine.embedded;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Lets an in-process stream of answers (a job stream) take several before its client has read the first. The gateway
 * pushes a job to a stream only while the stream is ready for one, and yields it back to the engine otherwise (two
 * more records, and the job waits for a poll). Over TCP a stream is ready while HTTP/2's flow-control window (1 MiB)
 * has room; in-process it is ready only while its client has asked for a message, and the client's stub asks for one
 * at a time, after it read the last: jobs created together found the stream not ready and were yielded.
 */
final class StreamsAskAhead implements ClientInterceptor {

    /** Answers a stream may hold unread: fewer than a window of 1 MiB holds of jobs of a few kB. */
    private static final int AHEAD = 64;

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        ClientCall<Q, A> call = next.newCall(method, options);
        if (method.getType() != MethodDescriptor.MethodType.SERVER_STREAMING) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<A> listener, Metadata headers) {
                super.start(listener, headers);
                super.request(AHEAD);
            }
        };
    }
}
