// Package identity emulates the parts of the Rackspace Cloud Identity v2.0 API
// that terraform-provider-authpolicy uses: token authentication (password, API
// key, token and the two-step multi-factor passcode flow), token revocation,
// reading a domain, setting its multi-factor enforcement level and managing
// its password policy.
//
// Behaviour follows the research notes in shared/api/rackspace-identity.md.
// Where those notes are silent the code picks the most plausible behaviour and
// says so in a comment starting with "Inferred:".
//
// Routes: POST /v2.0/tokens, DELETE /v2.0/tokens, DELETE /v2.0/tokens/{tokenId},
// GET /v2.0/RAX-AUTH/domains/{domainId}, PUT .../{domainId}/multi-factor and
// PUT/GET/DELETE .../{domainId}/password-policy. Out-of-band admin routes,
// mounted by the server under /_emulator/identity: GET/PATCH /domains/{id}
// (the PATCH takes mfa_enforcement_level, enabled and password_policy, an
// object or null), GET /users, GET/PATCH /users/{username},
// GET /users/{username}/sms and GET /tokens.
//
// Each has a Go equivalent on *API, which the emulator package plugs into
// its server.
package identity
