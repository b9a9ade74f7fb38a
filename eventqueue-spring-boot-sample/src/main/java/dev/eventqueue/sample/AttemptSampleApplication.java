package dev.eventqueue.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An online-test platform on Spring Boot: add the starter, declare handler beans, publish from services. */
@SpringBootApplication
public class AttemptSampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(AttemptSampleApplication.class, args);
    }
}
