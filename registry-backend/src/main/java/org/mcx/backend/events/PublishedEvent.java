package org.mcx.backend.events;

import org.mcx.protocol.message.Common;

/** A committed event with its frame encoded once for every subscriber. */
public record PublishedEvent(Common.Event event, String frame) {
}
