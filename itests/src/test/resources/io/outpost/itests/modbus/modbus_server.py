"""A Modbus slave for the Outpost integration tests and benchmark (pymodbus 3.0).

Usage: modbus_server.py tcp PORT | rtu SERIAL_PATH [BAUD]

Every area has 200 addresses (0-199, zero-based); reading beyond them answers exception 2.
Known contents:
  coils:             0=1, 1=0, 2=1                       (10-19 free for writes)
  discrete inputs:   0=1, 1=0, 2=1
  holding registers: 0=1234, 1=0xFFFF (-1 as int16), 2-3=21.5 float32 big word order,
                     4-5=100000 int32 little word order, 20-39 = 20..39 (for the benchmark)
                     (10-19 free for writes)
  input registers:   0=42, 1-2=-3.25 float32 big word order
"""
import logging
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartSerialServer, StartTcpServer
from pymodbus.transaction import ModbusRtuFramer

SIZE = 200


def words_of_float(value):
    hi, lo = struct.unpack(">HH", struct.pack(">f", value))
    return [hi, lo]


def context():
    coils = [0] * SIZE
    coils[0:3] = [1, 0, 1]
    discretes = [0] * SIZE
    discretes[0:3] = [1, 0, 1]
    holding = [0] * SIZE
    holding[0] = 1234
    holding[1] = 0xFFFF
    holding[2:4] = words_of_float(21.5)
    holding[4:6] = [100000 & 0xFFFF, 100000 >> 16]
    for address in range(20, 40):
        holding[address] = address
    inputs = [0] * SIZE
    inputs[0] = 42
    inputs[1:3] = words_of_float(-3.25)
    slave = ModbusSlaveContext(
        co=ModbusSequentialDataBlock(0, coils),
        di=ModbusSequentialDataBlock(0, discretes),
        hr=ModbusSequentialDataBlock(0, holding),
        ir=ModbusSequentialDataBlock(0, inputs),
        zero_mode=True,
    )
    return ModbusServerContext(slaves=slave, single=True)


def main():
    logging.basicConfig(level=logging.ERROR)
    mode = sys.argv[1]
    if mode == "tcp":
        StartTcpServer(context=context(), address=("127.0.0.1", int(sys.argv[2])), allow_reuse_address=True)
    elif mode == "rtu":
        baud = int(sys.argv[3]) if len(sys.argv) > 3 else 9600
        StartSerialServer(context=context(), framer=ModbusRtuFramer, port=sys.argv[2], baudrate=baud,
                          bytesize=8, parity="N", stopbits=1, timeout=0.05)
    else:
        sys.exit("usage: modbus_server.py tcp PORT | rtu SERIAL_PATH [BAUD]")


if __name__ == "__main__":
    main()
