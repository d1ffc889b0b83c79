// Package cloudsso emulates the parts of the Alibaba Cloud CloudSSO API
// (2021-05-15) that terraform-provider-authpolicy uses: directories and their
// users' multi-factor authentication settings.
//
// Every call is a GET or POST to "/" named by Action (signature V1, HMAC-SHA1
// over sorted parameters) or x-acs-action (V3, ACS3-HMAC-SHA256); both are
// verified, with the 15-minute timestamp and nonce windows, STS tokens and a
// per-account call rate. Behaviour follows PART B of
// shared/api/acronis-and-cloudsso.md; where it is silent the code says
// "Inferred:". Admin routes are listed in ../FIXTURE.md.
package cloudsso
