package emulator

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// adminPrefix: requests there are neither counted nor faulted.
const adminPrefix = emuhttp.AdminPrefix

// Server hosts every emulated API and the admin routes, safe for concurrent use.
type Server struct {
	*counter
	*faultSet
	clock    *Clock
	mux      *http.ServeMux
	admin    *http.ServeMux
	apis     []API
	byName   map[string]API
	routeAPI map[string]string // pattern -> API name
	identity *identity.API
	acronis  *acronis.API
	cloudsso *cloudsso.API
}

// New builds a Server from a copy of fx; nil means empty state.
func New(fx *Fixture) (*Server, error) {
	if fx == nil {
		fx = &Fixture{}
	}
	s := &Server{
		counter:  newCounter(),
		faultSet: &faultSet{},
		clock:    &Clock{},
		mux:      http.NewServeMux(),
		admin:    http.NewServeMux(),
		byName:   map[string]API{},
		routeAPI: map[string]string{},
	}
	var err error
	if s.identity, err = identity.New(fx.Identity, s.clock.Now); err != nil {
		return nil, err
	}
	if s.acronis, err = acronis.New(fx.Acronis, s.clock.Now); err != nil {
		return nil, err
	}
	if s.cloudsso, err = cloudsso.New(fx.CloudSSO, s.clock.Now); err != nil {
		return nil, err
	}
	// CloudSSO owns "/"; apiFor prefers the longer prefixes, and ServeHTTP
	// sends /_emulator/ to the admin mux first.
	for _, api := range []API{s.identity, s.acronis, s.cloudsso} {
		if err := s.mount(api); err != nil {
			return nil, err
		}
	}
	if err := s.mountAdmin(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Server) mount(api API) error {
	name := api.Name()
	if name == "" || s.byName[name] != nil {
		return fmt.Errorf("emulator: api name %q is empty or already mounted", name)
	}
	s.apis = append(s.apis, api)
	s.byName[name] = api
	for pattern, h := range api.Routes() {
		if err := handle(s.mux, pattern, h); err != nil {
			return fmt.Errorf("emulator: api %s: %w", name, err)
		}
		s.routeAPI[pattern] = name
	}
	for rel, h := range api.AdminRoutes() {
		pattern, ok := emuhttp.AdminPattern(name, rel)
		if !ok {
			return fmt.Errorf("emulator: api %s: admin pattern %q needs a method and a path", name, rel)
		}
		if err := handle(s.admin, pattern, h); err != nil {
			return fmt.Errorf("emulator: api %s: %w", name, err)
		}
	}
	return nil
}

// handle turns ServeMux's panic on a bad or conflicting pattern into an error.
func handle(mux *http.ServeMux, pattern string, h http.Handler) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pattern %q: %v", pattern, r)
		}
	}()
	mux.Handle(pattern, h)
	return nil
}

// APIs returns the names of the mounted APIs in mount order.
func (s *Server) APIs() []string {
	out := make([]string, 0, len(s.apis))
	for _, a := range s.apis {
		out = append(out, a.Name())
	}
	return out
}

func (s *Server) Clock() *Clock { return s.clock }

// Identity returns the Identity emulator, for inspection in tests.
func (s *Server) Identity() *identity.API { return s.identity }

// Acronis returns the Acronis emulator, for inspection in tests.
func (s *Server) Acronis() *acronis.API { return s.acronis }

// CloudSSO returns the CloudSSO emulator, for inspection in tests.
func (s *Server) CloudSSO() *cloudsso.API { return s.cloudsso }

func (s *Server) AddFault(f Fault) (string, error) {
	f, err := s.checkFault(f)
	if err != nil {
		return "", err
	}
	return s.faultSet.add(f), nil
}

// Reset returns to the fixture and clears counts, faults and clock offset.
func (s *Server) Reset() {
	s.clock.reset()
	for _, a := range s.apis {
		a.Reset()
	}
	s.ResetCounts()
	s.ClearFaults()
}

// ServeHTTP counts and faults every request but admin ones.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == adminPrefix || strings.HasPrefix(r.URL.Path, adminPrefix+"/") {
		s.admin.ServeHTTP(w, r)
		return
	}
	_, pattern := s.mux.Handler(r)
	api := s.apiFor(pattern, r.URL.Path)
	apiName := ""
	if api != nil {
		apiName = api.Name()
	}
	rec := &recorder{ResponseWriter: w}
	counted := false
	count := func() {
		if !counted {
			counted = true
			s.counter.add(apiName, pattern, rec.finalStatus())
		}
	}
	// Deferred so an aborted handler is counted too; the response completes
	// only when ServeHTTP returns, so no client sees an answer before its count.
	defer count()

	if f, ok := s.pick(apiName, pattern); ok {
		if s.inject(rec, r, f, api, count) {
			return
		}
	}
	if pattern == "" && api != nil {
		s.serveUnmatched(rec, r, api)
		return
	}
	s.mux.ServeHTTP(rec, r)
}

// apiFor finds the API by matched pattern, else by longest path prefix.
func (s *Server) apiFor(pattern, path string) API {
	if name, ok := s.routeAPI[pattern]; ok {
		return s.byName[name]
	}
	var best API
	for _, a := range s.apis {
		p := a.PathPrefix()
		if strings.HasPrefix(path, p) && (best == nil || len(p) > len(best.PathPrefix())) {
			best = a
		}
	}
	return best
}

// inject reports whether the fault answered the request. A reset counts
// before it drops the connection: the client may look the moment it sees it.
func (s *Server) inject(w *recorder, r *http.Request, f Fault, api API, count func()) bool {
	if f.Latency > 0 {
		// net/http notices a client going away only after the body is read;
		// read it first, so a client that gives up ends the wait.
		body, err := io.ReadAll(r.Body)
		if err != nil {
			w.aborted = true
			return true
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		t := time.NewTimer(f.Latency)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			w.aborted = true
			return true
		}
	}
	switch f.Kind {
	case FaultStatus:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		writeAPIFault(w, api, f.Status)
	case FaultThrottle:
		w.Header().Set("Retry-After", f.RetryAfter)
		at, _ := retryMoment(f.RetryAfter, s.clock.Now())
		if api != nil {
			api.WriteThrottle(w, at)
		} else {
			writeAPIFault(w, nil, http.StatusTooManyRequests)
		}
	case FaultReset:
		w.aborted = true
		count()
		resetConnection(w)
	default:
		return false
	}
	return true
}

// resetConnection sends RST: "connection reset by peer", not a clean EOF.
func resetConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// HTTP/2 cannot hijack; aborting the handler resets the stream.
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

func writeAPIFault(w http.ResponseWriter, api API, status int) {
	if api != nil {
		api.WriteFault(w, status)
		return
	}
	emuhttp.WriteJSON(w, status, map[string]any{"error": map[string]any{"code": status, "message": http.StatusText(status)}})
}

// serveUnmatched lets the mux choose 404, 405 or a redirect, and answers
// 404 and 405 in the API's own fault format.
func (s *Server) serveUnmatched(w http.ResponseWriter, r *http.Request, api API) {
	c := httptest.NewRecorder()
	s.mux.ServeHTTP(c, r)
	if c.Code == http.StatusNotFound || c.Code == http.StatusMethodNotAllowed {
		if allow := c.Header().Values("Allow"); len(allow) > 0 {
			w.Header()["Allow"] = allow
		}
		api.WriteFault(w, c.Code)
		return
	}
	maps.Copy(w.Header(), c.Header())
	w.WriteHeader(c.Code)
	_, _ = w.Write(c.Body.Bytes())
}

type recorder struct {
	http.ResponseWriter
	status  int
	aborted bool
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 && code >= 200 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection for hijacking.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) finalStatus() int {
	if r.aborted {
		return 0
	}
	return cmp.Or(r.status, http.StatusOK)
}
