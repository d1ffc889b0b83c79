// Package identity emulates the parts of the Rackspace Cloud Identity v2.0 API
// that terraform-provider-authpolicy uses: tokens (password, API key, token and
// the multi-factor passcode flow), revocation, domains, their multi-factor
// enforcement and password policy.
//
// Behaviour follows shared/api/rackspace-identity.md; where it is silent the
// code says "Inferred:". Routes and admin routes are listed in ../FIXTURE.md.
package identity
