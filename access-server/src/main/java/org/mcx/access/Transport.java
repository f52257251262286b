package org.mcx.access;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;

/**
 * How the service access server's event loops talk to the kernel. {@link #AUTO} takes the fastest
 * one this machine allows: io_uring, then epoll, then NIO. io_uring halves the CPU the proxy spends
 * per request on loopback (docs/benchmarks.md, sas-vs-nginx), but container runtimes and hardened
 * kernels often forbid it, so it is only ever a preference, never a requirement.
 */
public enum Transport {
    AUTO, IO_URING, EPOLL, NIO;

    /** This choice if the machine allows it; AUTO becomes the best available one. */
    public Transport resolve() {
        return switch (this) {
            case AUTO -> IoUring.isAvailable() ? IO_URING : Epoll.isAvailable() ? EPOLL : NIO;
            case IO_URING -> require(IoUring.isAvailable(), IoUring.unavailabilityCause());
            case EPOLL -> require(Epoll.isAvailable(), Epoll.unavailabilityCause());
            case NIO -> NIO;
        };
    }

    public boolean available() {
        return switch (this) {
            case AUTO, NIO -> true;
            case IO_URING -> IoUring.isAvailable();
            case EPOLL -> Epoll.isAvailable();
        };
    }

    IoHandlerFactory ioHandlers() {
        return switch (resolve()) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    Class<? extends ServerChannel> serverChannel() {
        return switch (resolve()) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
    }

    Class<? extends Channel> clientChannel() {
        return switch (resolve()) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            default -> NioSocketChannel.class;
        };
    }

    private Transport require(boolean available, Throwable cause) {
        if (!available) {
            throw new IllegalStateException("the transport " + name().toLowerCase(Locale.ROOT)
                    + " is not available on this machine: " + (cause == null ? "unknown reason" : cause.getMessage()), cause);
        }
        return this;
    }
}
