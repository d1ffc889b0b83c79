// Package acronis emulates the parts of the Acronis account management API v2
// that terraform-provider-authpolicy uses: client-credentials tokens, tenants
// and their multi-factor authentication status, each acting only on the API
// client's own tenant subtree.
//
// Behaviour follows PART A of shared/api/acronis-and-cloudsso.md; where it is
// silent the code says "Inferred:". Admin routes are listed in ../FIXTURE.md.
package acronis
