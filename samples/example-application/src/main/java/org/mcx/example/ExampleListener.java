package org.mcx.example;

/**
 * Follows an {@link ExampleApplication}. Called on the application's own thread, one event at a
 * time: keep it short (a UI hops to its own thread).
 */
@FunctionalInterface
public interface ExampleListener {
    void on(ExampleEvent event);
}
