package org.maildrift.testsupport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * A dnsjava-based DNS server on loopback for what BIND will not do on request: drop queries, answer
 * SERVFAIL or REFUSED, truncate UDP answers and answer fully over TCP, rotate record order and case.
 * The handler gets the query and whether it came over TCP and returns the reply, or null to drop it.
 */
public final class StubDnsServer implements AutoCloseable {

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final BiFunction<Message, Boolean, Message> handler;
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private volatile boolean running = true;

    public StubDnsServer(BiFunction<Message, Boolean, Message> handler) throws IOException {
        this.handler = handler;
        int port = BindServer.freePort();
        this.udp = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        this.tcp = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread u = new Thread(this::serveUdp, "stub-dns-udp");
        u.setDaemon(true);
        u.start();
        Thread t = new Thread(this::serveTcp, "stub-dns-tcp");
        t.setDaemon(true);
        t.start();
    }

    /** A reply that says "truncated" over UDP; the handler returns the full answer when asked over TCP. */
    public static Message truncated(Message query) {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.TC);
        m.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
        return m;
    }

    public String address() {
        return "127.0.0.1:" + udp.getLocalPort();
    }

    public int udpQueries() {
        return udpQueries.get();
    }

    public int tcpQueries() {
        return tcpQueries.get();
    }

    private void serveUdp() {
        byte[] buf = new byte[65535];
        while (running) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                udpQueries.incrementAndGet();
                byte[] in = java.util.Arrays.copyOf(p.getData(), p.getLength());
                Message reply = handler.apply(new Message(in), false);
                if (reply != null) {
                    byte[] out = reply.toWire();
                    udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try (Socket s = tcp.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                int len = in.readUnsignedShort();
                byte[] q = in.readNBytes(len);
                tcpQueries.incrementAndGet();
                Message reply = handler.apply(new Message(q), true);
                if (reply != null) {
                    byte[] wire = reply.toWire();
                    out.writeShort(wire.length);
                    out.write(wire);
                    out.flush();
                }
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        udp.close();
        tcp.close();
    }
}
