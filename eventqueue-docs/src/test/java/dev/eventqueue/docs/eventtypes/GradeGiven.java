package dev.eventqueue.docs.eventtypes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.eventqueue.domain.AbstractDomainEvent;
import dev.eventqueue.domain.EventType;
import java.time.Instant;
import java.util.UUID;

// tag::annotated-constructor[]
@EventType("GradeGiven")
public final class GradeGiven extends AbstractDomainEvent {

    private final String attemptId;
    private final int grade;

    public GradeGiven(String attemptId, int grade) {
        this(null, null, attemptId, grade); // a new id and the current time
    }

    @JsonCreator // named parameters: read back whether or not the build uses -parameters
    public GradeGiven(
            @JsonProperty("eventId") UUID eventId,
            @JsonProperty("occurredAt") Instant occurredAt,
            @JsonProperty("attemptId") String attemptId,
            @JsonProperty("grade") int grade) {
        super(eventId, occurredAt);
        this.attemptId = attemptId;
        this.grade = grade;
    }

    public String getAttemptId() {
        return attemptId;
    }

    public int getGrade() {
        return grade;
    }
}
// end::annotated-constructor[]
