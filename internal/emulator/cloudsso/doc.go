// Package cloudsso emulates the parts of the Alibaba Cloud CloudSSO API
// (version 2021-05-15) that terraform-provider-authpolicy uses: creating,
// reading, listing and deleting a directory, and reading and setting the
// multi-factor authentication status of its users.
//
// CloudSSO is an RPC-style API: every call is a GET or POST to "/", the
// operation named by the Action parameter (signature V1) or the x-acs-action
// header (V3). Parameters come from the query and from an
// application/x-www-form-urlencoded body, merged. Both of Alibaba Cloud's
// signatures are verified: V1 (HMAC-SHA1 over the sorted parameters, the
// Signature parameter) and V3 (ACS3-HMAC-SHA256 over a canonical request,
// the Authorization header). Timestamps must be within 15 minutes of the
// emulator clock, a nonce may not be reused within 15 minutes, STS access
// keys need their security token, and each account may make a limited
// number of calls per second.
//
// Behaviour follows PART B of the research notes in
// shared/api/acronis-and-cloudsso.md. Where those notes are silent the code
// picks the most plausible behaviour and says so in a comment starting with
// "Inferred:".
//
// Its out-of-band admin routes, under /_emulator/cloudsso, are listed in
// ../FIXTURE.md; each has a Go equivalent on *API, which the emulator
// package plugs into its server.
package cloudsso
