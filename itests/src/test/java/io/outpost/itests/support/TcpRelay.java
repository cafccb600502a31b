package io.outpost.itests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between the gateway and the broker, so that a test can cut the connection the way a failing
 * network does (no MQTT DISCONNECT: the broker then publishes the gateway's last will), or keep the gateway out
 * while the test gets ready for its return, or let the gateway's bytes through while the broker's answers are lost.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean admitting = true;
    private volatile boolean droppingReplies;

    public TcpRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** From now on, connections are accepted and dropped at once, as by a network that is down. */
    public void refuse() {
        admitting = false;
    }

    /** Relays new connections again. */
    public void admit() {
        admitting = true;
    }

    /**
     * From now on, bytes from the broker to the gateway (CONNACK, PUBACK, PINGRESP) are read and thrown away, while
     * the gateway's bytes still reach the broker: the broker has the message, the gateway never hears so. The
     * broker writes whole packets, so {@link #passReplies()} later resumes on a packet boundary in practice.
     */
    public void dropReplies() {
        droppingReplies = true;
    }

    /** Relays the broker's bytes to the gateway again. */
    public void passReplies() {
        droppingReplies = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!admitting) {
                    closeQuietly(client);
                    continue;
                }
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(broker);
                pump(client, broker, false);
                pump(broker, client, true);
            } catch (IOException e) {
                // closed, or the broker refused: the client sees its connection drop
            }
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (replies && droppingReplies) {
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            }
            closeQuietly(from);
            closeQuietly(to);
        }, "tcp-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Drops every relayed connection at once, without a goodbye on either side. */
    public void cutAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cutAll();
    }
}
