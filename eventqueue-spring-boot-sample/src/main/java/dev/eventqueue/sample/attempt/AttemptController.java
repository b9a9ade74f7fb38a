package dev.eventqueue.sample.attempt;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.example.domain.Attempt;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP entry points. Credentials come from two headers to keep the sample small; with Spring
 * Security on the class path the starter takes them from the authenticated user instead.
 */
@RestController
public class AttemptController {

    public record StartRequest(String testId, String candidateId) {}

    public record AttemptView(String id, String testId, String candidateId, String status, long secondsSpent) {
        static AttemptView of(Attempt a) {
            return new AttemptView(
                    a.id(), a.testId(), a.candidateId(), a.status().name(), a.secondsSpent());
        }
    }

    private final AttemptService service;
    private final AttemptRepository attempts;

    public AttemptController(AttemptService service, AttemptRepository attempts) {
        this.service = service;
        this.attempts = attempts;
    }

    @PostMapping("/attempts")
    @ResponseStatus(HttpStatus.CREATED)
    public AttemptView start(
            @RequestBody StartRequest request,
            @RequestHeader(name = "X-User-Id", required = false) String userId,
            @RequestHeader(name = "X-User-Role", required = false) String role) {
        return AttemptView.of(service.start(request.testId(), request.candidateId(), credentials(userId, role)));
    }

    @PostMapping("/attempts/{id}/submit")
    public AttemptView submit(
            @PathVariable String id,
            @RequestHeader(name = "X-User-Id", required = false) String userId,
            @RequestHeader(name = "X-User-Role", required = false) String role) {
        return AttemptView.of(service.submit(id, credentials(userId, role)));
    }

    @GetMapping("/attempts/{id}")
    public AttemptView get(@PathVariable String id) {
        return AttemptView.of(attempts.findById(id).orElseThrow(() -> new NoSuchElementException("No attempt " + id)));
    }

    @ExceptionHandler(NoSuchElementException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NoSuchElementException e) {
        return e.getMessage();
    }

    @ExceptionHandler({IllegalStateException.class, IllegalArgumentException.class})
    @ResponseStatus(HttpStatus.CONFLICT)
    String rejected(RuntimeException e) {
        return e.getMessage();
    }

    private static Credentials credentials(String userId, String role) {
        return userId == null ? null : new Credentials(userId, role);
    }
}
