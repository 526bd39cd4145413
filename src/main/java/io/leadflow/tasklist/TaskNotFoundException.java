package io.leadflow.tasklist;

public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(long jobKey) {
        super("No task " + jobKey);
    }
}
