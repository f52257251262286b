package org.mcx.protocol.model;

/** The kinds of MC service an external application may be authorized for (5.2.8). */
public enum ServiceType {
    MCPTT, MCVIDEO, MCDATA, GM, CM, IDM, KM
}
