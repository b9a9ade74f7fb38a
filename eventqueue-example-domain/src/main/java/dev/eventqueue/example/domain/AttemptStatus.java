package dev.eventqueue.example.domain;

/** Where an attempt is in its life. */
public enum AttemptStatus {
    /** Started; answers may still change. */
    IN_PROGRESS,
    /** Submitted; final. */
    COMPLETED
}
