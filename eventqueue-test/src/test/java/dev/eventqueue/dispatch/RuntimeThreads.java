package dev.eventqueue.dispatch;

import dev.eventqueue.queue.Loop;

/** Reaches into a running dispatcher's threads, for tests of what health reports when one ends. */
public final class RuntimeThreads {

    private RuntimeThreads() {}

    /** Ends the processing loop's thread as an unrecoverable failure would, leaving the runtime running. */
    public static void endProcessingLoop(DispatchRuntime runtime) throws InterruptedException {
        runtime.loop(Loop.FOREGROUND).stop();
    }
}
