package io.panicboard.memory;

import java.time.Instant;

/**
 * One Go {@code /debug/vars} document of one instance: the fields of
 * {@code runtime.MemStats} panicboard keeps, and a goroutine count when the service
 * publishes one.
 *
 * @param service the service
 * @param environment the environment
 * @param instance the instance
 * @param receivedAt when panicboard received it
 * @param heapAlloc {@code HeapAlloc} in bytes
 * @param heapInuse {@code HeapInuse} in bytes
 * @param heapSys {@code HeapSys} in bytes
 * @param nextGc {@code NextGC}, the heap goal in bytes
 * @param numGc {@code NumGC}, completed GC cycles
 * @param pauseTotalNs {@code PauseTotalNs}
 * @param gcCpuFraction {@code GCCPUFraction}, 0..1
 * @param goroutines the goroutine count, or {@code null}
 * @param pauseNs {@code PauseNs}, 256 entries
 * @param pauseEnd {@code PauseEnd}, 256 entries (Unix nanoseconds)
 */
public record NewMemorySample(String service, String environment, String instance, Instant receivedAt, long heapAlloc,
		long heapInuse, long heapSys, long nextGc, long numGc, long pauseTotalNs, double gcCpuFraction,
		Integer goroutines, long[] pauseNs, long[] pauseEnd) {

}
