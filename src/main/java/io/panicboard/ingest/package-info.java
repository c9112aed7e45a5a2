/**
 * Takes Go crash output, race reports and gctrace lines in over HTTP, enforces the
 * request limits and hands the text to the analysis.
 */
package io.panicboard.ingest;
