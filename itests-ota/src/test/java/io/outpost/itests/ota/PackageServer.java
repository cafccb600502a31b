package io.outpost.itests.ota;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * HQ's artifact server for the test (the JDK's HTTP server): serves byte arrays by path with Range support, can drop a
 * connection at 50 % once and slow a download down; records every request with its Range header, server side.
 */
final class PackageServer implements AutoCloseable {

    record Hit(String path, String range) {
    }

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesServed = new AtomicLong();
    private final Map<String, AtomicLong> bytesByPath = new ConcurrentHashMap<>();
    private volatile String dropOnce = "";
    private volatile long bytesPerSecond;

    PackageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    void put(String path, byte[] content) {
        files.put("/" + path, content);
    }

    void remove(String path) {
        files.remove("/" + path);
    }

    void dropAtHalfOnce(String path) {
        dropOnce = "/" + path;
    }

    void throttle(long rate) {
        bytesPerSecond = rate;
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    long bytesServed() {
        return bytesServed.get();
    }

    long bytesServed(String path) {
        AtomicLong n = bytesByPath.get("/" + path);
        return n == null ? 0 : n.get();
    }

    void reset() {
        hits.clear();
        bytesServed.set(0);
        bytesByPath.clear();
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        hits.add(new Hit(path, range == null ? "" : range));
        byte[] content = files.get(path);
        if (content == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = 0;
        if (range != null && range.startsWith("bytes=")) {
            from = Integer.parseInt(range.substring(6, range.indexOf('-')));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        }
        ex.getResponseHeaders().add("ETag", "\"" + java.util.Arrays.hashCode(content) + "\"");
        ex.sendResponseHeaders(range == null ? 200 : 206, content.length - from);
        boolean drop = path.equals(dropOnce);
        if (drop) {
            dropOnce = "";
        }
        int stopAt = drop ? content.length / 2 : content.length;
        long started = System.nanoTime();
        try (OutputStream out = ex.getResponseBody()) {
            int at = from;
            int sent = 0;
            while (at < stopAt) {
                int n = Math.min(8192, stopAt - at);
                out.write(content, at, n);
                out.flush();
                bytesServed.addAndGet(n);
                bytesByPath.computeIfAbsent(path, k -> new AtomicLong()).addAndGet(n);
                at += n;
                sent += n;
                long rate = bytesPerSecond;
                if (rate > 0) {
                    long due = sent * 1000L / rate - (System.nanoTime() - started) / 1_000_000;
                    if (due > 0) {
                        Thread.sleep(due);
                    }
                }
            }
            if (drop) {
                throw new IOException("dropped at 50 % on purpose");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
