/**
 * Alerting: rules evaluated over incidents and metrics, their alerts, silences, and the
 * notifications sent to webhooks, Slack and Alertmanager through an outbox.
 */
package io.panicboard.alert;
