package io.leadflow;

import static org.mockito.Mockito.mockingDetails;

/** For a Scenario's wait on a module's effect on a mock, whatever arguments the scheduled work of the module calls it with meanwhile. */
public final class MockCalls {

    private MockCalls() {
    }

    /** Whether the mock's method was called. */
    public static boolean called(Object mock, String method) {
        return mockingDetails(mock).getInvocations().stream().anyMatch(call -> call.getMethod().getName().equals(method));
    }
}
