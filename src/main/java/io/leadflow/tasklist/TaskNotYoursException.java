package io.leadflow.tasklist;

public class TaskNotYoursException extends RuntimeException {

    public TaskNotYoursException(long jobKey) {
        super("Task " + jobKey + " is assigned to someone else");
    }
}
