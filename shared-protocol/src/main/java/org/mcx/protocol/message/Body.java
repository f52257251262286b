package org.mcx.protocol.message;

/**
 * Every message body of the protocol. The hierarchy is sealed: one holder class per interface of
 * PROTOCOL.md, each with its own sealed {@code Message} interface and the records of its messages.
 */
public sealed interface Body permits Common.Message, Auth.Message, Csc14.Message, Csc15.Message,
        Registration.Message, Acms.Message, Console.Message, Exchange.Message {
}
