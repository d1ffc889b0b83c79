// Package emulator hosts in-memory emulators of the APIs that
// terraform-provider-authpolicy drives, behind one http.Handler.
//
// Each emulated API lives in its own package and plugs in through the API
// interface. The Server adds what every API shares: request counting by route
// and status, fault injection, an adjustable clock, reset to the fixture, and
// the /_emulator/ admin routes. The HTTP and JSON plumbing the API packages
// share is in package emuhttp, which they can import as they cannot import
// this one; package emutest holds the helpers their tests share. Admin requests are never counted and never
// faulted, so tests can inspect the emulator without disturbing it.
//
// Admin routes (JSON in and out):
//
//	GET    /_emulator/                 mounted APIs and the emulated time
//	GET    /_emulator/requests         {"total":N,"requests":[{"api","route","status","count"}]}
//	DELETE /_emulator/requests         zero the counts
//	POST   /_emulator/faults           add a fault (see Fault) -> 201 {"id":"f1"}
//	GET    /_emulator/faults           {"faults":[...]} with matched/injected counts
//	DELETE /_emulator/faults           remove every fault
//	DELETE /_emulator/faults/{id}      remove one fault
//	GET    /_emulator/clock            {"now":"...","offset":"..."}
//	POST   /_emulator/clock            {"advance":"25h"} -> {"now":"...","offset":"..."}
//	POST   /_emulator/reset            back to the fixture; counts, faults and clock too
//	...    /_emulator/<api>/...        each API's out-of-band routes
//
// How each API answers requests it cannot use (bad JSON or forms, wrong
// content types, bodies over 1 MiB, missing credentials and signatures,
// other methods and paths) is documented in FIXTURE.md, "Malformed
// requests": always a 4xx in the API's own error body, never a 5xx.
//
// The emulators and the provider's API clients never import each other; they
// meet only over HTTP, so a test cannot pass because both share a mistake.
package emulator
