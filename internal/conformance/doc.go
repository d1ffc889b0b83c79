// Package conformance runs the provider's API clients against the emulator,
// in process and over real HTTP, for every outcome the API notes document.
// The clients and the emulator were written by different hands from the
// same notes and may not import each other, so each side's own tests can only
// check it against that author's reading; these tests are where the two
// readings meet. A failure here means the client and the emulator disagree
// about the wire (a status, a message, a header, a field), and the notes in
// shared/api decide which of them is wrong. The package holds tests only.
package conformance
