package io.outpost.bench.modbus;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.ChannelType;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.driver.modbus.ModbusDriver;

/**
 * Reads 20 holding registers at neighbouring addresses (20-39) of a local pymodbus slave over TCP, as fast as it
 * can for a fixed time, with block merging on and then off, and prints polls and channel readings per second.
 * Arguments: [seconds per run, default 5] [channels, default 20].
 */
public final class ModbusReadBench {

    private ModbusReadBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int channelCount = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path script = Files.createTempFile("outpost-modbus-bench-", ".py");
        try (InputStream in = ModbusReadBench.class.getResourceAsStream("modbus_server.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process slave = new ProcessBuilder("/usr/bin/python3", script.toString(), "tcp", Integer.toString(port))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitListening(port, slave);
            List<ChannelDescriptor> channels = new ArrayList<>();
            for (int i = 0; i < channelCount; i++) {
                channels.add(new ChannelDescriptor("r" + i, ChannelType.READ, ValueType.INT32, "", 1, 0, true,
                    Map.of("area", "holding-register", "address", Integer.toString(20 + i))));
            }
            System.out.printf("Modbus TCP reads of %d neighbouring holding registers, pymodbus on 127.0.0.1:%d, %d s per run%n",
                channelCount, port, seconds);
            for (String merge : List.of("true", "false", "true", "false")) {
                run(port, merge, channels, 1, false);
                run(port, merge, channels, seconds, true);
            }
        } finally {
            slave.destroy();
            slave.waitFor();
            Files.deleteIfExists(script);
        }
    }

    private static void run(int port, String merge, List<ChannelDescriptor> channels, int seconds, boolean print) throws Exception {
        ModbusDriver driver = new ModbusDriver();
        try (DeviceConnection connection = driver.connect(new DeviceConfiguration("bench", "modbus",
            Map.of("endpoint", "127.0.0.1:" + port, "mergeBlocks", merge, "timeoutMillis", "2000"), channels))) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            long polls = 0;
            long good = 0;
            long bad = 0;
            while (System.nanoTime() < end) {
                for (ChannelRecord record : connection.read(channels)) {
                    if (record.isOk()) {
                        good++;
                    } else {
                        bad++;
                    }
                }
                polls++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (print) {
                int requestsPerPoll = merge.equals("true") ? (channels.size() + 124) / 125 : channels.size();
                System.out.printf("mergeBlocks=%-5s  %8.1f polls/s  %9.1f channel readings/s  %8.1f Modbus requests/s  (%d good, %d bad)%n",
                    merge, polls / elapsed, good / elapsed, polls * requestsPerPoll / elapsed, good, bad);
            }
        }
    }

    private static void awaitListening(int port, Process slave) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!slave.isAlive()) {
                throw new IllegalStateException("pymodbus exited with " + slave.exitValue() + " (is python3-pymodbus installed?)");
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("pymodbus did not listen on " + port + " within 20 s");
    }
}
