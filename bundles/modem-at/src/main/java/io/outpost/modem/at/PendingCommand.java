package io.outpost.modem.at;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The one command a session is waiting on: its lines so far, its stage and its binary block. */
final class PendingCommand {

    final String text;
    final String stage;
    final String answerPrefix;
    private final boolean binary;
    private final List<String> lines = new ArrayList<>();
    private final CountDownLatch stageReached = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile AtResponse response;
    private byte[] block;
    private int blockFill;
    private final byte[] header = new byte[2];
    private int headerFill;
    private boolean binaryDone;

    PendingCommand(String text, String stage, boolean binary) {
        this.text = text;
        this.stage = stage;
        this.binary = binary;
        this.answerPrefix = FinalResult.answerPrefix(text);
    }

    boolean isEcho(String line) {
        return line.equalsIgnoreCase(text.trim());
    }

    synchronized void line(String line) {
        if (isDone()) {
            return;
        }
        if (stage != null && stageReached.getCount() > 0 && line.equals(stage)) {
            stageReached.countDown();
            return;
        }
        AtResponse.Outcome outcome = FinalResult.of(line);
        if (outcome != null) {
            response = new AtResponse(outcome, lines, line, block);
            done.countDown();
            stageReached.countDown();
        } else {
            lines.add(line);
        }
    }

    boolean wantsBinary() {
        return binary && !binaryDone;
    }

    /** Length (2 bytes, big-endian), that many bytes, checksum (2 bytes): the checksum is kept as the block's last two bytes. */
    void binaryByte(byte b) {
        if (headerFill < 2) {
            header[headerFill++] = b;
            if (headerFill == 2) {
                int length = ((header[0] & 0xFF) << 8) | (header[1] & 0xFF);
                block = new byte[length + 2];
            }
            return;
        }
        block[blockFill++] = b;
        if (blockFill == block.length) {
            binaryDone = true;
        }
    }

    boolean awaitStage(long millis) throws InterruptedException {
        stageReached.await(millis, TimeUnit.MILLISECONDS);
        return stageReached.getCount() == 0 && !isDone();
    }

    AtResponse await(long millis) throws InterruptedException {
        done.await(millis, TimeUnit.MILLISECONDS);
        return response;
    }

    boolean isDone() {
        return done.getCount() == 0;
    }

    synchronized AtResponse timedOut(boolean closed) {
        return new AtResponse(closed ? AtResponse.Outcome.CLOSED : AtResponse.Outcome.TIMEOUT, lines, "", block);
    }

    synchronized void fail() {
        if (!isDone()) {
            response = new AtResponse(AtResponse.Outcome.CLOSED, lines, "", block);
            done.countDown();
            stageReached.countDown();
        }
    }
}
