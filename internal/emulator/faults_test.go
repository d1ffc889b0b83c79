package emulator

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

const domainRoute = "GET /v2.0/RAX-AUTH/domains/{domainId}"

func TestFaultStatus(t *testing.T) {
	srv, base := newTestServer(t)
	id := addFault(t, base, `{"api":"identity","route":"POST /v2.0/tokens","kind":"status","status":503,"retry_after":"2"}`)
	if id != "f1" {
		t.Errorf("id = %q, want f1", id)
	}
	r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin)
	fault, _ := r.json(t)["identityFault"].(map[string]any)
	if r.status != 503 || fault["code"] != 503.0 || r.header.Get("Retry-After") != "2" {
		t.Errorf("faulted login = %d %v %s", r.status, r.header, r.body)
	}
	// Other routes are untouched.
	if r := call(t, "GET", base+"/v2.0/RAX-AUTH/domains/123456", ""); r.status != 401 {
		t.Errorf("other route = %d", r.status)
	}
	if got := srv.Counts(); !slices.Contains(got, Count{API: "identity", Route: tokensRoute, Status: 503, N: 1}) {
		t.Errorf("counts = %+v", got)
	}
	// No token was issued: the fault answered before the handler ran.
	if n := len(srv.Identity().Tokens()); n != 0 {
		t.Errorf("tokens = %d", n)
	}
}

func TestFaultStatusDefaultsTo503AndOtherStatuses(t *testing.T) {
	srv, base := newTestServer(t)
	if _, err := srv.AddFault(Fault{API: "identity", Kind: FaultStatus, Count: 1}); err != nil {
		t.Fatal(err)
	}
	if r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin); r.status != 503 {
		t.Errorf("default status = %d", r.status)
	}
	addFault(t, base, `{"api":"identity","kind":"status","status":500,"count":1}`)
	r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin)
	if r.status != 500 || r.json(t)["identityFault"] == nil || r.header.Get("Retry-After") != "" {
		t.Errorf("500 = %d %v %s", r.status, r.header, r.body)
	}
	addFault(t, base, `{"api":"identity","kind":"status","status":401,"count":1}`)
	if r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin); r.status != 401 || r.json(t)["unauthorized"] == nil {
		t.Errorf("401 = %d %s", r.status, r.body)
	}
}

func TestFaultThrottle(t *testing.T) {
	srv, base := newTestServer(t)
	addFault(t, base, `{"api":"identity","kind":"throttle","count":1}`)
	r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin)
	over, _ := r.json(t)["overLimit"].(map[string]any)
	if r.status != 413 || over["code"] != 413.0 || r.header.Get("Retry-After") != "1" {
		t.Fatalf("throttle = %d %v %s", r.status, r.header, r.body)
	}
	retryAt, err := time.Parse("2006-01-02T15:04:05.000Z", field[string](t, over, "retryAfter"))
	if d := retryAt.Sub(srv.Clock().Now()); err != nil || d < -time.Second || d > 2*time.Second {
		t.Errorf("retryAfter %v (%v) is not about a second from now", over["retryAfter"], err)
	}
	// retry_after may be a number too.
	addFault(t, base, `{"api":"identity","kind":"throttle","retry_after":7,"count":1}`)
	if r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin); r.status != 413 || r.header.Get("Retry-After") != "7" {
		t.Errorf("throttle 7 = %d %v", r.status, r.header)
	}
	if r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin); r.status != 200 {
		t.Errorf("after the throttles = %d", r.status)
	}
}

func TestFaultReset(t *testing.T) {
	srv, base := newTestServer(t)
	addFault(t, base, `{"api":"identity","route":"POST /v2.0/tokens","kind":"reset","count":1}`)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Post(base+"/v2.0/tokens", "application/json", strings.NewReader(demoUserLogin))
	if err == nil {
		resp.Body.Close()
		t.Fatalf("reset fault answered %d", resp.StatusCode)
	}
	if !slices.Contains(srv.Counts(), Count{API: "identity", Route: tokensRoute, Status: 0, N: 1}) {
		t.Errorf("counts = %+v", srv.Counts())
	}
	if r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin); r.status != 200 {
		t.Errorf("after reset fault = %d", r.status)
	}
}

func TestFaultLatency(t *testing.T) {
	_, base := newTestServer(t)
	addFault(t, base, `{"api":"identity","latency":"150ms","count":1}`)
	start := time.Now()
	r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin)
	if elapsed := time.Since(start); r.status != 200 || elapsed < 150*time.Millisecond {
		t.Errorf("latency-only fault: %d after %v", r.status, elapsed)
	}
	addFault(t, base, `{"api":"identity","kind":"status","status":502,"latency":"100ms","count":1}`)
	start = time.Now()
	r = call(t, "POST", base+"/v2.0/tokens", demoUserLogin)
	if elapsed := time.Since(start); r.status != 502 || elapsed < 100*time.Millisecond {
		t.Errorf("latency+status fault: %d after %v", r.status, elapsed)
	}
}

// A client that gives up during a latency fault ends the wait: the request is counted as
// abandoned at once rather than holding its connection for the whole latency, also when it
// has a body, which net/http watches the connection behind only once it has been read.
func TestFaultLatencyEndsWithTheClient(t *testing.T) {
	srv, base := newTestServer(t)
	addFault(t, base, `{"api":"identity","latency":"1m","count":1}`)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v2.0/tokens", strings.NewReader(demoUserLogin))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the request was answered %d during a minute's latency", resp.StatusCode)
	}
	abandoned := Count{API: "identity", Route: tokensRoute, Status: 0, N: 1}
	deadline := time.Now().Add(2 * time.Second)
	for !slices.Contains(srv.Counts(), abandoned) {
		if time.Now().After(deadline) {
			t.Fatalf("2s after the client gave up the request is still waiting out its latency: counts %+v", srv.Counts())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFaultAfterAndCount(t *testing.T) {
	srv, base := newTestServer(t)
	addFault(t, base, `{"api":"identity","route":"POST /v2.0/tokens","kind":"status","status":503,"after":2,"count":1}`)
	var got []int
	for range 4 {
		got = append(got, call(t, "POST", base+"/v2.0/tokens", demoUserLogin).status)
	}
	if want := []int{200, 200, 503, 200}; !slices.Equal(got, want) {
		t.Errorf("statuses = %v, want %v", got, want)
	}
	f := srv.Faults()[0]
	if f.Matched != 4 || f.Injected != 1 {
		t.Errorf("fault = %+v", f)
	}
	list := call(t, "GET", base+"/_emulator/faults", "").json(t)
	if entry := field[map[string]any](t, list, "faults", 0); entry["id"] != "f1" || entry["matched"] != 4.0 || entry["injected"] != 1.0 || entry["after"] != 2.0 {
		t.Errorf("GET faults = %v", list)
	}
}

func TestFaultRate(t *testing.T) {
	srv, _ := newTestServer(t)
	if _, err := srv.AddFault(Fault{API: "identity", Kind: FaultStatus, Rate: 0.5}); err != nil {
		t.Fatal(err)
	}
	const n = 400
	hits := 0
	for range n {
		if _, ok := srv.pick("identity", tokensRoute); ok {
			hits++
		}
	}
	// 0.5 of 400 is 200 with a standard deviation of 10; ±80 never fails.
	if hits < 120 || hits > 280 {
		t.Errorf("rate 0.5 hit %d of %d", hits, n)
	}
}

func TestFaultScope(t *testing.T) {
	_, base := newTestServer(t)
	// An API-wide fault also hits that API's unmatched paths and no other
	// API's; a fault with no API hits every request. CloudSSO owns "/", so
	// a path outside the other APIs is an unmatched CloudSSO path.
	addFault(t, base, `{"api":"identity","kind":"status","status":500,"count":2}`)
	if r := call(t, "GET", base+"/v2.0/nothing", ""); r.status != 500 {
		t.Errorf("unmatched identity path = %d", r.status)
	}
	if r := call(t, "GET", base+"/elsewhere", ""); r.status != 404 {
		t.Errorf("path of another API = %d", r.status)
	}
	call(t, "DELETE", base+"/_emulator/faults", "")
	addFault(t, base, `{"kind":"status","status":503}`)
	r := call(t, "GET", base+"/elsewhere", "")
	if r.status != 503 || r.json(t)["Code"] != "ServiceUnavailable" {
		t.Errorf("global fault on an unmatched CloudSSO path = %d %s", r.status, r.body)
	}
	// Admin routes are never faulted.
	if r := call(t, "GET", base+"/_emulator/faults", ""); r.status != 200 {
		t.Errorf("admin under a global fault = %d", r.status)
	}
}

func TestFaultAdminListRemoveClear(t *testing.T) {
	srv, base := newTestServer(t)
	a := addFault(t, base, `{"api":"identity","kind":"status","status":500}`)
	b := addFault(t, base, `{"api":"identity","route":"`+domainRoute+`","latency":"1ms"}`)
	if a != "f1" || b != "f2" {
		t.Errorf("ids %s %s", a, b)
	}
	list := field[[]any](t, call(t, "GET", base+"/_emulator/faults", "").json(t), "faults")
	if len(list) != 2 || field[string](t, list, 1, "latency") != "1ms" || field[float64](t, list, 0, "rate") != 1.0 {
		t.Errorf("list = %v", list)
	}
	if r := call(t, "DELETE", base+"/_emulator/faults/f1", ""); r.status != 204 {
		t.Errorf("remove = %d", r.status)
	}
	if r := call(t, "DELETE", base+"/_emulator/faults/f1", ""); r.status != 404 {
		t.Errorf("remove again = %d", r.status)
	}
	if r := call(t, "DELETE", base+"/_emulator/faults", ""); r.status != 204 || len(srv.Faults()) != 0 {
		t.Errorf("clear = %d, %d left", r.status, len(srv.Faults()))
	}
	// Ids are never reused.
	if id := addFault(t, base, `{"kind":"reset"}`); id != "f3" {
		t.Errorf("id after clear = %s", id)
	}
}

func TestFaultValidation(t *testing.T) {
	_, base := newTestServer(t)
	for _, body := range []string{
		`{"api":"identity","kind":"explode"}`,
		`{"api":"nope","kind":"status"}`,
		`{"api":"identity","route":"POST /v2.0/nothing","kind":"status"}`,
		`{"api":"identity","route":"POST /v2.0/tokens ","kind":"status"}`,
		`{"api":"identity","kind":"status","status":200}`,
		`{"api":"identity","kind":"status","rate":1.5}`,
		`{"api":"identity","kind":"status","rate":-0.1}`,
		`{"api":"identity","latency":"soon"}`,
		`{"api":"identity","latency":"10m"}`,
		`{"api":"identity"}`,
		`{"api":"identity","kind":"status","after":-1}`,
		`{"api":"identity","kind":"throttle","retry_after":"tomorrow"}`,
		`{"api":"identity","kind":"throttle","retry_after":true}`,
		`{"api":"identity","kind":"throttle","retry_after":[2]}`,
		`{"api":"identity","kind":"status","sttaus":500}`,
		`not json`,
	} {
		r := call(t, "POST", base+"/_emulator/faults", body)
		if r.status != 400 || r.json(t)["error"] == nil {
			t.Errorf("%s: %d %s", body, r.status, r.body)
		}
	}
	// An HTTP date is a valid Retry-After.
	addFault(t, base, `{"kind":"throttle","retry_after":"Wed, 21 Oct 2037 07:28:00 GMT"}`)
}
