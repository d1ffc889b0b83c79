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
// Its out-of-band admin routes, under /_emulator/acronis, are listed in
// ../FIXTURE.md; each has a Go equivalent on *API, which the emulator
// package plugs into its server.
package acronis
