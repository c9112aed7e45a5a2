/**
 * Finds Go panics, fatal errors, race-detector reports and gctrace lines in any text,
 * parses them, classifies them and fingerprints them; pure Java, no Spring, no I/O beyond
 * the text it is given.
 */
package io.panicboard.analysis;
