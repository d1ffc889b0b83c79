// Package acronis emulates the parts of the Acronis Cyber Protect Cloud
// account management API v2 that terraform-provider-authpolicy uses: OAuth2
// client-credentials tokens for API clients, reading a tenant, and reading
// and toggling a tenant's multi-factor authentication status.
//
// Behaviour follows PART A of the research notes in
// shared/api/acronis-and-cloudsso.md. Where those notes are silent the code
// picks the most plausible behaviour and says so in a comment starting with
// "Inferred:".
//
// Routes, all under the datacenter URL: POST /api/2/idp/token,
// GET /api/2/tenants/{tenant_id} and GET/PUT
// /api/2/tenants/{tenant_id}/mfa/status. Every route but the token endpoint
// needs an access token, either as "Authorization: Bearer" or as the
// access_token query parameter, and acts only on the API client's own tenant
// and its subtree.
//
// Out-of-band admin routes, mounted by the server under /_emulator/acronis:
// GET /tenants, GET/PATCH /tenants/{id} (mfa_enabled, users_count,
// users_with_totp_count, disable_in_progress_reads, enabled), GET /clients,
// GET/PATCH /clients/{id} (status, secret), GET /tokens, POST /tokens/expire
// and GET/PATCH /settings (token_lifetime, token_max_uses). Each has a Go
// equivalent on *API.
//
// The package knows nothing about the HTTP server that hosts it: it exposes
// its routes, admin routes, fault writers and Reset through *API, which the
// emulator package plugs into its server.
package acronis
