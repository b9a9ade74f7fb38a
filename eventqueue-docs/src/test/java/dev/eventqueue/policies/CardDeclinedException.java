package dev.eventqueue.policies;

public class CardDeclinedException extends Exception {

    public CardDeclinedException(String message) {
        super(message);
    }
}
