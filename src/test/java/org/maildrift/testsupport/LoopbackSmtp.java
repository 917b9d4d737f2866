package org.maildrift.testsupport;

import java.net.InetAddress;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** GreenMail's SMTP server on a free loopback port, for tests whose alerts must reach a real server. */
public final class LoopbackSmtp {

    private LoopbackSmtp() {
    }

    /** A free loopback port, for a static field a {@code @DynamicPropertySource} reads. */
    public static int freePort() {
        try {
            return BindServer.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** GreenMail started on {@code port} of the loopback address; the caller stops it. */
    public static GreenMail start(int port) {
        GreenMail g = new GreenMail(new ServerSetup(port, InetAddress.getLoopbackAddress().getHostAddress(),
                ServerSetup.PROTOCOL_SMTP));
        g.start();
        return g;
    }
}
