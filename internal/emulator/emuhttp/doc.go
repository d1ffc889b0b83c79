// Package emuhttp is the HTTP and JSON plumbing the emulated APIs share:
// JSON answers, bounded request bodies, strict decoding of admin bodies,
// admin error bodies, the handler shapes of the admin routes and a deep
// copy for fixtures.
//
// It holds no API's behaviour: routes, rules, messages and fault bodies stay
// in each API's package. It imports only the standard library, so the API
// packages can use it; they cannot use package emulator, which imports
// them to build its server.
package emuhttp
