package cloudsso

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

func TestRetriedThenSuccess(t *testing.T) {
	tests := []struct {
		status int
		code   string
	}{
		{400, "Throttling"},
		{400, "Throttling.User"},
		{400, "Throttling.Api"},
		{503, "ServiceUnavailable"},
		{500, "InternalError"},
		{502, "BadGateway"},
		{504, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status, tt.code), func(t *testing.T) {
			s := newStub(t)
			s.failFirst(2, func(w http.ResponseWriter, r *http.Request) {
				writeError(w, r, tt.status, tt.code, "try later")
			})
			c := s.start(Config{})
			if err := c.SetMFAAuthenticationStatus(context.Background(), dirID, false); err != nil {
				t.Fatal(err)
			}
			reqs := s.recorded()
			if len(reqs) != 3 {
				t.Fatalf("%d requests, want 3", len(reqs))
			}
			if s.mfaOf(dirID) != "Disabled" {
				t.Error("the last attempt did not take effect")
			}
			// Each attempt is a new signed request: DARA makes a new nonce
			// and date, so a retry is never refused as a replay.
			for i, r := range reqs {
				checkV3Request(t, r, testAK, "SetMFAAuthenticationStatus",
					map[string]string{"DirectoryId": dirID, "MFAAuthenticationStatus": "Disabled"})
				if i > 0 && r.Header.Get("x-acs-signature-nonce") == reqs[i-1].Header.Get("x-acs-signature-nonce") {
					t.Errorf("attempt %d reused the nonce", i+1)
				}
			}
		})
	}
}

func TestNoRetryOnOther4xx(t *testing.T) {
	tests := []struct {
		status int
		code   string
	}{
		{400, "SignatureDoesNotMatch"},
		{400, "IncompleteSignature"},
		{404, "InvalidAccessKeyId.NotFound"},
		{400, "InvalidSecurityToken.Expired"},
		{400, "InvalidTimeStamp.Expired"},
		{404, "EntityNotExists.Directory"},
		{403, "Forbidden.RAM"},
		{400, "MissingParameter.DirectoryId"},
		{400, "InvalidParameter.MFAAuthenticationStatus"},
		{400, "SignatureNonceUsed"},
		{404, "InvalidAction.NotFound"},
		{429, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status, tt.code), func(t *testing.T) {
			s := newStub(t)
			s.setHook(func(_ int, w http.ResponseWriter, r *http.Request) bool {
				writeError(w, r, tt.status, tt.code, "no")
				return true
			})
			c := s.start(Config{})
			_, err := c.GetMFAAuthenticationStatus(context.Background(), dirID)
			if err == nil {
				t.Fatal("no error")
			}
			if n := len(s.recorded()); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
			if strings.Contains(err.Error(), "attempts") {
				t.Errorf("error %q speaks of attempts", err)
			}
		})
	}
}

func TestRetryConnectionReset(t *testing.T) {
	s := newStub(t)
	s.failFirst(2, func(w http.ResponseWriter, _ *http.Request) { resetConnection(t, w) })
	log := &httpxtest.RecordingLogger{}
	c := s.start(Config{Logger: log})
	enabled, err := c.GetMFAAuthenticationStatus(context.Background(), dirID)
	if err != nil {
		t.Fatal(err)
	}
	if !enabled {
		t.Error("wrong answer after retries")
	}
	if n := len(s.recorded()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if !strings.Contains(log.All(), `cloudsso retry {"attempt":2`) {
		t.Errorf("log:\n%s", log.All())
	}
}

// TestRetriesUsedUp: a server that never recovers gets RetryMax+1 attempts,
// and the error is the last answer's.
func TestRetriesUsedUp(t *testing.T) {
	s := newStub(t)
	s.setHook(func(_ int, w http.ResponseWriter, r *http.Request) bool {
		writeError(w, r, 503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
		return true
	})
	c := s.start(Config{RetryMax: 3})
	_, err := c.GetMFAAuthenticationStatus(context.Background(), dirID)
	e := asError(t, err, KindServer)
	if e.Status != 503 || !strings.HasSuffix(e.Error(), " after 4 attempts") {
		t.Errorf("error %q", e)
	}
	if n := len(s.recorded()); n != 4 {
		t.Errorf("%d requests, want 4", n)
	}

	s2 := newStub(t)
	s2.setHook(s.onRequest)
	c2 := s2.start(Config{RetryMax: -1})
	_, err = c2.GetMFAAuthenticationStatus(context.Background(), dirID)
	if e := asError(t, err, KindServer); strings.Contains(e.Error(), "attempts") {
		t.Errorf("retries disabled: error %q", e)
	}
	if n := len(s2.recorded()); n != 1 {
		t.Errorf("retries disabled: %d requests, want 1", n)
	}
}

func TestConnectionRefusedRetried(t *testing.T) {
	addr := httpxtest.RefusedAddr(t)
	s := newStub(t)
	log := &httpxtest.RecordingLogger{}
	c := s.client(Config{Endpoint: "http://" + addr, RetryMax: 2, Logger: log})
	_, err := c.GetMFAAuthenticationStatus(context.Background(), dirID)
	e := asError(t, err, KindUnknown)
	if e.Status != 0 || !strings.Contains(e.Error(), "request failed:") || !strings.HasSuffix(e.Error(), "after 3 attempts") {
		t.Errorf("error %q", e)
	}
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("Unwrap does not reach the *net.OpError: %#v", e)
	}
	if got := strings.Count(log.All(), "cloudsso request "); got != 3 {
		t.Errorf("%d attempts logged, want 3", got)
	}
}

// TestRetriesUntilOperationTimeout: by default throttling is retried
// without a count limit until the client's own deadline for the call, which
// ends it and says so though the caller's context has none.
func TestRetriesUntilOperationTimeout(t *testing.T) {
	s := newStub(t)
	s.setHook(func(_ int, w http.ResponseWriter, r *http.Request) bool {
		writeError(w, r, 400, "Throttling.User", "Request was denied due to user flow control.")
		return true
	})
	c := s.start(Config{RetryWaitMin: 10 * time.Millisecond, RetryWaitMax: 40 * time.Millisecond, OperationTimeout: 300 * time.Millisecond})
	start := time.Now()
	_, err := c.GetMFAAuthenticationStatus(context.Background(), dirID)
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("took %v after a 300ms deadline", elapsed)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v is not DeadlineExceeded", err)
	}
	if n := len(s.recorded()); n < 4 {
		t.Errorf("%d requests; the call was not retried until its deadline", n)
	}
	if !strings.HasSuffix(err.Error(), "; gave up retrying: context deadline exceeded") {
		t.Errorf("error %q", err)
	}
}

// TestCanceledDuringBackoff: a cancel ends the wait before a retry at once,
// and the error keeps the answer that was being retried.
func TestCanceledDuringBackoff(t *testing.T) {
	s := newStub(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.setHook(func(_ int, w http.ResponseWriter, r *http.Request) bool {
		writeError(w, r, 503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
		time.AfterFunc(50*time.Millisecond, cancel)
		return true
	})
	c := s.start(Config{RetryWaitMin: 10 * time.Second, RetryWaitMax: 10 * time.Second})
	// Full jitter may draw a short wait; a long minimum makes that rare, and
	// a second attempt would still be canceled.
	start := time.Now()
	err := c.SetMFAAuthenticationStatus(ctx, dirID, true)
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("took %v", elapsed)
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v is not Canceled", err)
	}
	var e *Error
	if errors.As(err, &e) && len(s.recorded()) == 1 {
		if e.Kind != KindServer || e.Status != 503 || !strings.Contains(e.Error(), "gave up retrying: context canceled") {
			t.Errorf("error %q (kind %v)", e, e.Kind)
		}
	}
}

// TestCutOffWhileRetrying: when the context ends during a retry, the error
// is the answer that was being retried, not the bare cut.
func TestCutOffWhileRetrying(t *testing.T) {
	s := newStub(t)
	s.setHook(func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n == 1 {
			writeError(w, r, 503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
			return true
		}
		<-r.Context().Done() // hang until the client gives up
		return true
	})
	c := s.start(Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.GetMFAAuthenticationStatus(ctx, dirID)
	e := asError(t, err, KindServer)
	if !errors.Is(err, context.DeadlineExceeded) || e.Status != 503 ||
		!strings.HasSuffix(e.Error(), "after 2 attempts; gave up retrying: context deadline exceeded") {
		t.Errorf("error %q", e)
	}
}

// TestRetryAfterCapped: the server's Retry-After replaces the backoff, up
// to RetryWaitMax. RetryWaitMin is tiny, so a gap near the cap shows the
// server's wait was used.
func TestRetryAfterCapped(t *testing.T) {
	s := newStub(t)
	s.failFirst(1, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		writeError(w, r, 400, "Throttling.User", "Request was denied due to user flow control.")
	})
	c := s.start(Config{RetryWaitMin: time.Millisecond, RetryWaitMax: 200 * time.Millisecond})
	if _, err := c.GetMFAAuthenticationStatus(context.Background(), dirID); err != nil {
		t.Fatal(err)
	}
	reqs := s.recorded()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	if gap := reqs[1].At.Sub(reqs[0].At); gap < 190*time.Millisecond || gap > 3*time.Second {
		t.Errorf("gap %v, want about 200ms", gap)
	}
}
