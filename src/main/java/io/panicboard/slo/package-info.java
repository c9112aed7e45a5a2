/**
 * Service level objectives: crash budgets, crash-free instance time, GC pause and time to
 * resolve indicators computed from rollups, error budgets, multi-window burn-rate signals
 * for the alert engine, the SLO API, YAML, metrics and pages.
 */
package io.panicboard.slo;
