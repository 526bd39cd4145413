package io.leadflow.tasklist.internal;

/** The models' user tasks the task list tells apart; the models' glue ({@code SequenceTasks}, in workers/) knows them. */
public interface ModelTasks {

    /** The element of a lead's first contact: the task whose due a manager renews when keeping a late lead. */
    String firstContact();

    /** Whether the tasks of this form (null: none) are a call to the lead, whose page shows the lead's phone. */
    boolean isCall(String formId);
}
