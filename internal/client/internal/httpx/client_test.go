package httpx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

// failingServer answers the first `failures` requests with fail and the
// rest with 200 "ok".
func failingServer(t *testing.T, failures int32, fail func(w http.ResponseWriter)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if n.Add(1) <= failures {
			fail(w)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// get sends one GET of the operation "test op" through rc and reads the
// answer whole.
func get(ctx context.Context, t *testing.T, rc *retryablehttp.Client, url string) (status int, body string, err error) {
	t.Helper()
	req, err := retryablehttp.NewRequestWithContext(WithOp(ctx, "test op"), http.MethodGet, url+"/v1/things", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := rc.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

var fast = Retry{Max: 3, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}

func TestPolicyRetriesTransientStatuses(t *testing.T) {
	for _, status := range []int{429, 500, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			log := &httpxtest.RecordingLogger{}
			srv, n := failingServer(t, 2, func(w http.ResponseWriter) { w.WriteHeader(status) })
			p := &Policy{Name: "test", Logger: log}
			got, _, err := get(context.Background(), t, p.NewClient(srv.Client(), fast), srv.URL)
			if err != nil || got != 200 || n.Load() != 3 {
				t.Fatalf("status %d, err %v after %d requests; want 200 after 3", got, err, n.Load())
			}
			logged := log.All()
			for _, want := range []string{
				`test request {"attempt":1,"method":"GET","op":"test op","path":"/v1/things"}`,
				`test request {"attempt":3,`,
				fmt.Sprintf(`test response {"method":"GET","op":"test op","path":"/v1/things","status":%d}`, status),
				`test retry {"op":"test op","retry_after":false,"status":` + fmt.Sprint(status),
			} {
				if !strings.Contains(logged, want) {
					t.Errorf("log lacks %q:\n%s", want, logged)
				}
			}
		})
	}
}

func TestPolicyKeepsLastAnswer(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 413, 501} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv, n := failingServer(t, 100, func(w http.ResponseWriter) { w.WriteHeader(status) })
			p := &Policy{Name: "test", Logger: OrNop(nil)}
			got, _, err := get(context.Background(), t, p.NewClient(srv.Client(), fast), srv.URL)
			if err != nil || got != status || n.Load() != 1 {
				t.Errorf("status %d, err %v after %d requests; want %d after 1", got, err, n.Load(), status)
			}
		})
	}
	// Retries used up: the last answer comes back as such, body and all.
	srv, n := failingServer(t, 100, func(w http.ResponseWriter) {
		w.WriteHeader(503)
		fmt.Fprint(w, "down for maintenance")
	})
	p := &Policy{Name: "test", Logger: OrNop(nil)}
	status, body, err := get(context.Background(), t, p.NewClient(srv.Client(), fast), srv.URL)
	if err != nil || status != 503 || n.Load() != 4 {
		t.Fatalf("status %d, err %v after %d requests; want 503 after 4", status, err, n.Load())
	}
	if body != "down for maintenance" {
		t.Errorf("body %q", body)
	}
}

// TestPolicyHooks: the API's own view of which answers to retry and where
// the server's wait is, with the wait capped at WaitMax.
func TestPolicyHooks(t *testing.T) {
	log := &httpxtest.RecordingLogger{}
	srv, n := failingServer(t, 1, func(w http.ResponseWriter) {
		w.Header().Set("X-Wait", "1h")
		w.WriteHeader(409)
	})
	var waited atomic.Bool
	p := &Policy{
		Name:          "test",
		Logger:        log,
		RetryResponse: func(resp *http.Response) bool { return resp.StatusCode == 409 },
		ServerWait: func(resp *http.Response, _ time.Time) (time.Duration, bool) {
			d, err := time.ParseDuration(resp.Header.Get("X-Wait"))
			waited.Store(err == nil)
			return d, err == nil
		},
	}
	start := time.Now()
	status, _, err := get(context.Background(), t, p.NewClient(srv.Client(), Retry{Max: 2, WaitMin: time.Millisecond, WaitMax: 100 * time.Millisecond}), srv.URL)
	if err != nil || status != 200 || n.Load() != 2 || !waited.Load() {
		t.Fatalf("status %d, err %v after %d requests", status, err, n.Load())
	}
	if took := time.Since(start); took < 90*time.Millisecond || took > 5*time.Second {
		t.Errorf("took %v, want about the 100ms cap", took)
	}
	if !strings.Contains(log.All(), `test retry {"op":"test op","retry_after":true,"status":409,"wait":"100ms"}`) {
		t.Errorf("log:\n%s", log.All())
	}
}

func TestPolicyHonoursRetryAfter(t *testing.T) {
	srv, n := failingServer(t, 1, func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(429)
	})
	p := &Policy{Name: "test", Logger: OrNop(nil)}
	start := time.Now()
	status, _, err := get(context.Background(), t, p.NewClient(srv.Client(), Retry{Max: 1, WaitMin: time.Millisecond, WaitMax: 100 * time.Millisecond}), srv.URL)
	if err != nil || status != 200 || n.Load() != 2 {
		t.Fatalf("status %d, err %v after %d requests", status, err, n.Load())
	}
	if took := time.Since(start); took < 90*time.Millisecond || took > 5*time.Second {
		t.Errorf("took %v, want about the 100ms cap", took)
	}
}

func TestPolicyConnectionFailures(t *testing.T) {
	addr := httpxtest.RefusedAddr(t)
	log := &httpxtest.RecordingLogger{}
	p := &Policy{Name: "test", Logger: log}
	ctx := context.Background()
	_, _, err := get(ctx, t, p.NewClient(&http.Client{}, Retry{Max: 2, WaitMin: time.Millisecond, WaitMax: time.Millisecond}), "http://"+addr)
	var ae *attemptsError
	if !errors.As(err, &ae) || ae.tries != 3 {
		t.Fatalf("error %v, want an *attemptsError of 3 tries", err)
	}
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("the cause of %v should be reachable", err)
	}
	if n := strings.Count(log.All(), `test request failed {"error":`); n != 3 {
		t.Errorf("%d failures logged, want 3:\n%s", n, log.All())
	}
	if strings.Contains(log.All(), "http://") {
		t.Errorf("log quotes the URL:\n%s", log.All())
	}
	msg, cause := failure(ctx, err)
	if !strings.HasPrefix(msg, "request failed after 3 attempts: ") || strings.Contains(msg, "http://") || cause != err {
		t.Errorf("Failure = %q, %v", msg, cause)
	}
}

func TestPolicyStopsWhenContextEnds(t *testing.T) {
	srv, n := failingServer(t, 100, func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "10")
		w.WriteHeader(503)
	})
	p := &Policy{Name: "test", Logger: OrNop(nil)}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := get(ctx, t, p.NewClient(srv.Client(), Retry{Max: 5, WaitMin: time.Millisecond, WaitMax: time.Minute}), srv.URL)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v after the context ended", took)
	}
	if !errors.Is(err, context.DeadlineExceeded) || n.Load() != 1 {
		t.Errorf("error %v after %d requests", err, n.Load())
	}
	msg, cause := failure(ctx, err)
	if msg != "request abandoned: context deadline exceeded" || cause != context.DeadlineExceeded {
		t.Errorf("Failure = %q, %v", msg, cause)
	}
}

func TestFailureMessages(t *testing.T) {
	ctx := context.Background()
	refused := errors.New("dial tcp: connection refused")
	tests := []struct {
		err  error
		want string
	}{
		{refused, "request failed: dial tcp: connection refused"},
		{&attemptsError{tries: 1, err: refused}, "request failed: dial tcp: connection refused"},
		{&attemptsError{tries: 4, err: refused}, "request failed after 4 attempts: dial tcp: connection refused"},
	}
	for _, tt := range tests {
		msg, cause := failure(ctx, tt.err)
		if msg != tt.want || cause != tt.err || !errors.Is(cause, refused) {
			t.Errorf("failure(%v) = %q, %v; want %q", tt.err, msg, cause, tt.want)
		}
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if msg, cause := failure(canceled, refused); msg != "request abandoned: context canceled" || cause != context.Canceled {
		t.Errorf("canceled: %q, %v", msg, cause)
	}
	if got := (&attemptsError{tries: 2, err: refused}).Error(); got != "after 2 attempt(s): dial tcp: connection refused" {
		t.Errorf("attemptsError.Error() = %q", got)
	}
}

func TestHTTPClient(t *testing.T) {
	var ua, accept string
	srv, n := failingServer(t, 100, func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "10")
		w.WriteHeader(503)
	})
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua, accept = r.Header.Get("User-Agent"), r.Header.Get("Accept")
		n.Add(1)
		w.Header().Set("Retry-After", "10")
		w.WriteHeader(503)
	})
	p := &Policy{Name: "test", Logger: OrNop(nil)}
	hc := p.HTTPClient(nil, Retry{Max: 5, WaitMin: time.Millisecond, WaitMax: time.Minute}, "ua/1", 200*time.Millisecond)
	start := time.Now()
	_, err := Send(context.Background(), hc, "test", "test op", http.MethodGet, srv.URL, nil, nil)
	// The operation's deadline ends the retries, though the context lives on.
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, context.DeadlineExceeded) || e.Op != "test op" || n.Load() != 1 {
		t.Errorf("error %v after %d requests", err, n.Load())
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v after a 200ms deadline", took)
	}
	if ua != "ua/1" || accept != "application/json" {
		t.Errorf("User-Agent %q, Accept %q", ua, accept)
	}
}

func TestSend(t *testing.T) {
	var got *http.Request
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
		w.WriteHeader(404)
		fmt.Fprint(w, strings.Repeat("x", MaxBodyBytes+10))
	}))
	defer srv.Close()
	p := &Policy{Name: "test", Logger: OrNop(nil)}
	hc := p.HTTPClient(srv.Client(), Retry{}, "ua", time.Minute)
	r, err := Send(context.Background(), hc, "test", "put", http.MethodPut, srv.URL+"/x", http.Header{"X-SessionId": {"s"}}, map[string]int{"a": 1})
	if err != nil || r.Status != 404 || len(r.Body) != MaxBodyBytes {
		t.Fatalf("Send = %v, %v", r, err)
	}
	if got.Header.Get("X-Sessionid") != "s" || got.Header.Get("Content-Type") != "application/json" || string(body) != `{"a":1}` {
		t.Errorf("request %v, body %s", got.Header, body)
	}
	if _, err := Send(context.Background(), hc, "test", "get", http.MethodGet, srv.URL, nil, nil); err != nil || len(body) != 0 || got.Header.Get("Content-Type") != "" {
		t.Errorf("nil payload: body %q, Content-Type %q, %v", body, got.Header.Get("Content-Type"), err)
	}
	if _, err := Send(context.Background(), hc, "test", "put", http.MethodPut, srv.URL, nil, func() {}); err == nil || !strings.HasPrefix(err.Error(), "test: put: encoding request: ") {
		t.Errorf("unencodable payload: %v", err)
	}
}

func TestFailed(t *testing.T) {
	e := Failed(context.Background(), "svc", "op", errors.New("dial: secret-value refused"), "secret-value")
	if e.Error() != "svc: op: request failed: dial: [redacted] refused" || !e.Retryable {
		t.Errorf("Failed = %q, retryable %v", e, e.Retryable)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if e := Failed(ctx, "svc", "op", errors.New("x")); e.Retryable || !errors.Is(e, context.Canceled) {
		t.Errorf("canceled: %v, retryable %v", e, e.Retryable)
	}
}

// failure is what Failed says of err: its message and cause.
func failure(ctx context.Context, err error) (string, error) {
	e := Failed(ctx, "svc", "op", err)
	return e.Message, e.Err
}
