/**
 * Who may do what: dashboard users with roles and form sign-in, bearer API tokens (the
 * bootstrap token and stored tokens with a scope) with per-token rate limits, and the
 * admin pages and API that manage both.
 */
package io.panicboard.security;
