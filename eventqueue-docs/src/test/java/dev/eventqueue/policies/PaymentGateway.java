package dev.eventqueue.policies;

/** The card processor the charge handler calls. */
public interface PaymentGateway {

    void charge(String orderId) throws Exception;
}
