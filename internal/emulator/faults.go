package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Fault kinds. A fault with no kind only adds latency.
const (
	FaultStatus   = "status"   // answer with the API's own error body for Status
	FaultThrottle = "throttle" // answer with the API's rate-limit response
	FaultReset    = "reset"    // drop the connection without an answer
)

// maxLatency keeps a mistyped latency from hanging a test run.
const maxLatency = 5 * time.Minute

// Fault describes an injected failure. API and Route ("" matches any)
// narrow it; Route is a ServeMux pattern such as "POST /v2.0/tokens".
type Fault struct {
	ID         string        `json:"id,omitempty"`
	API        string        `json:"api,omitempty"`
	Route      string        `json:"route,omitempty"`
	Kind       string        `json:"kind,omitempty"`
	Status     int           `json:"status,omitempty"` // of a FaultStatus; default 503
	Rate       float64       `json:"rate,omitempty"`   // probability a matching request is hit; 0 means 1
	Latency    time.Duration `json:"-"`                // real time, not the emulator clock
	RetryAfter string        `json:"-"`                // seconds or an HTTP date; throttles default to "1"
	After      int           `json:"after,omitempty"`  // skips the first After matching requests
	Count      int           `json:"count,omitempty"`  // injections before it stops; 0 means no limit
	Matched    int           `json:"matched"`          // reported by Server.Faults
	Injected   int           `json:"injected"`
}

type faultSet struct {
	mu   sync.Mutex
	next int
	list []*Fault
}

func (fs *faultSet) add(f Fault) string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.next++
	f.ID = "f" + strconv.Itoa(fs.next)
	f.Matched, f.Injected = 0, 0
	fs.list = append(fs.list, &f)
	return f.ID
}

func (fs *faultSet) Faults() []Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	out := make([]Fault, 0, len(fs.list))
	for _, f := range fs.list {
		out = append(out, *f)
	}
	return out
}

func (fs *faultSet) RemoveFault(id string) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	n := len(fs.list)
	fs.list = slices.DeleteFunc(fs.list, func(f *Fault) bool { return f.ID == id })
	return len(fs.list) < n
}

// ClearFaults keeps ids counting up, so an old id never names a new fault.
func (fs *faultSet) ClearFaults() {
	fs.mu.Lock()
	fs.list = nil
	fs.mu.Unlock()
}

// pick returns the first fault that fires, raising Matched on every match.
func (fs *faultSet) pick(api, route string) (Fault, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, f := range fs.list {
		if (f.API != "" && f.API != api) || (f.Route != "" && f.Route != route) {
			continue
		}
		f.Matched++
		if f.Matched <= f.After || (f.Count > 0 && f.Injected >= f.Count) {
			continue
		}
		if f.Rate < 1 && rand.Float64() >= f.Rate {
			continue
		}
		f.Injected++
		return *f, true
	}
	return Fault{}, false
}

func (s *Server) checkFault(f Fault) (Fault, error) {
	switch f.Kind {
	case "":
		if f.Latency <= 0 {
			return f, errors.New("a fault without kind needs a latency")
		}
	case FaultStatus:
		if f.Status == 0 {
			f.Status = http.StatusServiceUnavailable
		}
		if f.Status < 400 || f.Status > 599 {
			return f, fmt.Errorf("status %d is not an HTTP error status", f.Status)
		}
	case FaultThrottle:
		if f.RetryAfter == "" {
			f.RetryAfter = "1"
		}
	case FaultReset:
	default:
		return f, fmt.Errorf("kind %q is not status, throttle or reset", f.Kind)
	}
	if f.API != "" && s.byName[f.API] == nil {
		return f, fmt.Errorf("unknown api %q", f.API)
	}
	if f.Route != "" {
		owner, ok := s.routeAPI[f.Route]
		if !ok || (f.API != "" && owner != f.API) {
			return f, fmt.Errorf("route %q is not a route of api %q", f.Route, f.API)
		}
	}
	if f.Rate == 0 {
		f.Rate = 1
	}
	if f.Rate < 0 || f.Rate > 1 {
		return f, errors.New("rate must be between 0 and 1")
	}
	if f.Latency < 0 || f.Latency > maxLatency {
		return f, fmt.Errorf("latency must be between 0 and %s", maxLatency)
	}
	if f.After < 0 || f.Count < 0 {
		return f, errors.New("after and count must not be negative")
	}
	if f.RetryAfter != "" {
		if _, ok := retryMoment(f.RetryAfter, time.Time{}); !ok {
			return f, errors.New("retry_after must be a number of seconds or an HTTP date")
		}
	}
	return f, nil
}

// retryMoment turns a Retry-After value into a moment relative to now.
func retryMoment(v string, now time.Time) (time.Time, bool) {
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return now.Add(time.Duration(secs) * time.Second), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// faultJSON is a Fault on the admin wire, latency a Go duration string.
type faultJSON struct {
	*faultFields
	Latency    string     `json:"latency,omitempty"`
	RetryAfter flexString `json:"retry_after,omitempty"`
}

type faultFields Fault

func decodeFault(r *http.Request) (Fault, error) {
	var f Fault
	j := faultJSON{faultFields: (*faultFields)(&f)}
	if err := decodeBody(r, &j); err != nil {
		return f, err
	}
	f.RetryAfter = string(j.RetryAfter)
	if j.Latency != "" {
		d, err := time.ParseDuration(j.Latency)
		if err != nil {
			return f, fmt.Errorf("latency %q is not a duration such as 200ms", j.Latency)
		}
		f.Latency = d
	}
	return f, nil
}

func faultToJSON(f Fault) faultJSON {
	j := faultJSON{faultFields: (*faultFields)(&f), RetryAfter: flexString(f.RetryAfter)}
	if f.Latency > 0 {
		j.Latency = f.Latency.String()
	}
	return j
}

// flexString accepts "2" and 2 alike.
type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	if json.Unmarshal(b, (*string)(s)) == nil {
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return errors.New("retry_after must be a string or a number")
	}
	*s = flexString(n)
	return nil
}
