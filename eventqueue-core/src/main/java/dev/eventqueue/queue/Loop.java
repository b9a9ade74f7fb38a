package dev.eventqueue.queue;

/** The two claiming loops of a dispatcher; every entry belongs to one of them. */
public enum Loop {
    /** Entries of handlers with {@code isBackground() == false}: claimed at once on publish. */
    FOREGROUND,
    /** Entries of background handlers: claimed by the slower background loop. */
    BACKGROUND;

    public static Loop of(boolean background) {
        return background ? BACKGROUND : FOREGROUND;
    }

    public boolean isBackground() {
        return this == BACKGROUND;
    }
}
