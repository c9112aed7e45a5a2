/**
 * Who may call the API: for now the bootstrap bearer token; users, roles and per-service
 * API tokens come with the token model.
 */
package io.panicboard.security;
