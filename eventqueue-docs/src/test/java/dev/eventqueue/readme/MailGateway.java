package dev.eventqueue.readme;

import java.io.IOException;

/** The application's mail client that the guide's mail handler uses. */
public interface MailGateway {

    void send(String to, String text) throws IOException;
}
