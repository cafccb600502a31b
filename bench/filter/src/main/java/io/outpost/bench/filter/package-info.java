/**
 * Benchmarks of the threshold filter: {@link io.outpost.bench.filter.FilterThroughputBenchmark} (JMH, readings
 * per second on one thread) and {@link io.outpost.bench.filter.TemperatureDayTrace} (a day of 1 Hz temperature
 * through the filter: messages and bytes against periodic reporting, and a check of every limit crossing).
 */
package io.outpost.bench.filter;
