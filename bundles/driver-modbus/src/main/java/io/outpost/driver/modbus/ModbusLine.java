package io.outpost.driver.modbus;

/** A connection to a Modbus TCP server or an RTU serial line; addresses are zero-based protocol addresses. */
interface ModbusLine extends AutoCloseable {

    /** Opens the connection if it is not open. */
    void open() throws ModbusFault;

    boolean isOpen();

    /** Reads {@code count} coils or discrete inputs. */
    boolean[] readBits(int unitId, Area area, int start, int count) throws ModbusFault;

    /** Reads {@code count} holding or input registers, each 0-65535. */
    int[] readRegisters(int unitId, Area area, int start, int count) throws ModbusFault;

    void writeCoil(int unitId, int address, boolean value) throws ModbusFault;

    /** Writes one register (function 6) or several (function 16). */
    void writeRegisters(int unitId, int address, int[] words) throws ModbusFault;

    /** Closes the connection; never throws. */
    @Override
    void close();

    /** Where the line goes, for messages. */
    String describe();
}
