// Package emulator hosts in-memory emulators of the APIs that
// terraform-provider-authpolicy drives, behind one http.Handler.
//
// Each API lives in its own package and plugs in through the API interface;
// the Server adds request counting, fault injection, an adjustable clock,
// reset to the fixture and the /_emulator/ admin routes (FIXTURE.md, "Admin
// routes"). Package emuhttp is the plumbing the API packages share (they
// cannot import this one); package emutest holds their tests' helpers.
//
// The emulators and the provider's API clients never import each other; they
// meet only over HTTP, so a test cannot pass because both share a mistake.
package emulator
