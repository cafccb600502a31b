package io.outpost.driver.modbus;

import com.fazecast.jSerialComm.SerialPort;
import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import com.ghgande.j2mod.modbus.util.SerialParameters;

/**
 * A {@link ModbusLine} on a j2mod master. A new master is made at every open, so nothing of a failed
 * connection is reused. j2mod's own retries are off: the driver retries on the next poll.
 */
final class J2modLine implements ModbusLine {

    private final LinkSettings settings;
    private AbstractModbusMaster master;

    J2modLine(LinkSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws ModbusFault {
        if (master != null) {
            return;
        }
        AbstractModbusMaster created = create();
        try {
            created.connect();
        } catch (Exception e) {
            created.disconnect();
            throw ModbusFault.line("cannot connect to " + describe() + ": " + reason(e), e);
        }
        master = created;
    }

    private AbstractModbusMaster create() {
        AbstractModbusMaster created;
        if (settings.transport() == LinkSettings.Transport.TCP) {
            created = new ModbusTCPMaster(settings.host(), settings.port(), settings.timeoutMillis(), false);
        } else {
            SerialParameters serial = new SerialParameters();
            serial.setPortName(settings.serialPort());
            serial.setBaudRate(settings.baudRate());
            serial.setDatabits(settings.dataBits());
            serial.setStopbits(settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT);
            serial.setParity(switch (settings.parity()) {
                case NONE -> SerialPort.NO_PARITY;
                case EVEN -> SerialPort.EVEN_PARITY;
                case ODD -> SerialPort.ODD_PARITY;
            });
            serial.setEncoding(Modbus.SERIAL_ENCODING_RTU);
            serial.setEcho(false);
            created = new ModbusSerialMaster(serial, settings.timeoutMillis());
        }
        created.setRetries(0);
        return created;
    }

    @Override
    public boolean isOpen() {
        return master != null;
    }

    @Override
    public boolean[] readBits(int unitId, Area area, int start, int count) throws ModbusFault {
        AbstractModbusMaster m = require();
        try {
            BitVector bits = area == Area.COIL ? m.readCoils(unitId, start, count) : m.readInputDiscretes(unitId, start, count);
            boolean[] out = new boolean[count];
            for (int i = 0; i < count; i++) {
                out[i] = i < bits.size() && bits.getBit(i);
            }
            return out;
        } catch (ModbusException | RuntimeException e) {
            throw fault(e);
        }
    }

    @Override
    public int[] readRegisters(int unitId, Area area, int start, int count) throws ModbusFault {
        AbstractModbusMaster m = require();
        try {
            InputRegister[] registers = area == Area.HOLDING_REGISTER
                ? m.readMultipleRegisters(unitId, start, count)
                : m.readInputRegisters(unitId, start, count);
            if (registers == null || registers.length != count) {
                // on RTU there is no transaction id: an answer of the wrong size belongs to another request
                throw ModbusFault.line("answer from " + describe() + " does not match the request: "
                    + (registers == null ? 0 : registers.length) + " registers for " + count, null);
            }
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = registers[i].toUnsignedShort();
            }
            return out;
        } catch (ModbusException | RuntimeException e) {
            throw fault(e);
        }
    }

    @Override
    public void writeCoil(int unitId, int address, boolean value) throws ModbusFault {
        AbstractModbusMaster m = require();
        try {
            m.writeCoil(unitId, address, value);
        } catch (ModbusException | RuntimeException e) {
            throw fault(e);
        }
    }

    @Override
    public void writeRegisters(int unitId, int address, int[] words) throws ModbusFault {
        AbstractModbusMaster m = require();
        try {
            if (words.length == 1) {
                m.writeSingleRegister(unitId, address, new SimpleRegister(words[0]));
            } else {
                SimpleRegister[] registers = new SimpleRegister[words.length];
                for (int i = 0; i < words.length; i++) {
                    registers[i] = new SimpleRegister(words[i]);
                }
                m.writeMultipleRegisters(unitId, address, registers);
            }
        } catch (ModbusException | RuntimeException e) {
            throw fault(e);
        }
    }

    @Override
    public void close() {
        AbstractModbusMaster m = master;
        master = null;
        if (m != null) {
            try {
                m.disconnect();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    @Override
    public String describe() {
        return settings.transport().name().toLowerCase(java.util.Locale.ROOT) + " " + settings.endpoint();
    }

    private AbstractModbusMaster require() throws ModbusFault {
        if (master == null) {
            throw ModbusFault.line(describe() + " is not connected", null);
        }
        return master;
    }

    private ModbusFault fault(Exception e) {
        if (e instanceof ModbusSlaveException slave) {
            return ModbusFault.exception(slave.getType());
        }
        return ModbusFault.line("no answer from " + describe() + ": " + reason(e), e);
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
