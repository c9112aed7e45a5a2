/**
 * Who may call the API: bearer tokens (the bootstrap token and stored API tokens with a
 * scope), their management under {@code /api/v1/tokens}, and per-token rate limits.
 */
package io.panicboard.security;
