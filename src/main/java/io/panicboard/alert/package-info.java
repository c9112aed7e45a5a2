/**
 * Alerting: rules over incidents and memory figures, the alerts they raise, silences, and
 * the pages that show and edit them.
 */
package io.panicboard.alert;
