package org.mcx.protocol.model;

/**
 * Where an application reaches a service: the service access server's address, or — for a
 * trusted-domain application where the deployment allows it — the service's own.
 */
public record ServiceLocation(String scheme, String host, int port, String basePath) {
}
