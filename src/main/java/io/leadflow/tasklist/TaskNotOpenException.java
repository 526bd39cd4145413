package io.leadflow.tasklist;

public class TaskNotOpenException extends RuntimeException {

    public TaskNotOpenException(long jobKey, RepTask.Status status) {
        super("Task " + jobKey + " is " + status.name().toLowerCase());
    }
}
