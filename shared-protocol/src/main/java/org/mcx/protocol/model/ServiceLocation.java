package org.mcx.protocol.model;

/** Where an application reaches a service: the service access server's address, not the service's. */
public record ServiceLocation(String scheme, String host, int port, String basePath) {
}
