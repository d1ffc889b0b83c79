package emulator

import (
	"net/http"
	"time"
)

// API is what an emulated API provides to the Server, in standard library
// types so API packages need not import this one.
type API interface {
	Name() string       // in counts, faults and admin routes
	PathPrefix() string // unmatched requests go to the longest prefix
	// Routes maps ServeMux patterns, also route names in counts and faults.
	Routes() map[string]http.Handler
	// AdminRoutes maps patterns relative to /_emulator/<name>.
	AdminRoutes() map[string]http.Handler
	WriteFault(w http.ResponseWriter, status int)
	// WriteThrottle: Retry-After is set; retryAt is it on the emulator clock.
	WriteThrottle(w http.ResponseWriter, retryAt time.Time)
	Reset()
}
