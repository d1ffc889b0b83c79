package emulator

import (
	"net/http"
	"time"
)

// API is what an emulated API provides to the Server. It uses only standard
// library types so API packages need not import this one (which imports
// them to build the Server).
type API interface {
	// Name identifies the API in counts, faults and admin routes.
	Name() string
	// PathPrefix is the path space the API owns ("/" for an RPC API at the
	// root). Requests under it that match no route are counted as the API's
	// and answered with its fault bodies; the longest prefix wins.
	PathPrefix() string
	// Routes maps ServeMux patterns ("POST /v2.0/tokens") to handlers. The
	// pattern is also the route name in counts and faults.
	Routes() map[string]http.Handler
	// AdminRoutes maps patterns relative to /_emulator/<name>
	// ("GET /users/{username}") to out-of-band handlers.
	AdminRoutes() map[string]http.Handler
	// WriteFault writes the API's own error response for status.
	WriteFault(w http.ResponseWriter, status int)
	// WriteThrottle writes the API's rate-limit response. Retry-After is
	// already set; retryAt is the same moment on the emulator clock.
	WriteThrottle(w http.ResponseWriter, retryAt time.Time)
	// Reset returns the API to its fixture.
	Reset()
}
