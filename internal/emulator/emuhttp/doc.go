// Package emuhttp is the HTTP and JSON plumbing the emulated APIs share. It
// holds no API's behaviour and imports only the standard library, so the API
// packages can use it; they cannot use package emulator, which imports them.
package emuhttp
