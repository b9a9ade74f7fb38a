package dev.eventqueue.sample;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An online-test platform on Spring Boot: add the starter, declare handler beans, publish from services. */
@SpringBootApplication
public class AttemptSampleApplication {

    /** The attempts' clock; a bean so that tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(AttemptSampleApplication.class, args);
    }
}
