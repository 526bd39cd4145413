package io.leadflow.assignment;

/** A rep and the leads they were handed this calendar month (UTC). */
public record RepWorkload(Rep rep, int assignedThisMonth) {
}
