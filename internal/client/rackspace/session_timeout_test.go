package rackspace

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		5 * time.Minute:                   "PT5M",
		15 * time.Minute:                  "PT15M",
		24 * time.Hour:                    "PT24H",
		90 * time.Minute:                  "PT1H30M",
		time.Hour + 5*time.Second:         "PT1H5S",
		300*time.Second + time.Second/2:   "PT5M0.5S",
		0:                                 "PT0S",
		-time.Minute:                      "PT0S",
		25*time.Hour + time.Millisecond:   "PT25H0.001S",
		86399*time.Second + time.Second/4: "PT23H59M59.25S",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestCheckSessionInactivityTimeout(t *testing.T) {
	for _, ok := range []time.Duration{MinSessionInactivityTimeout, DefaultSessionInactivityTimeout, MaxSessionInactivityTimeout} {
		if err := CheckSessionInactivityTimeout(ok); err != nil {
			t.Errorf("%v: %v", ok, err)
		}
	}
	for _, bad := range []time.Duration{0, MinSessionInactivityTimeout - time.Nanosecond, MaxSessionInactivityTimeout + time.Nanosecond, -time.Hour} {
		err := CheckSessionInactivityTimeout(bad)
		if err == nil || err.Error() != "the session inactivity timeout must be between PT5M (300 seconds) and PT24H (86400 seconds)" {
			t.Errorf("%v: %v", bad, err)
		}
	}
}

func TestSetSessionInactivityTimeoutBody(t *testing.T) {
	c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { domainEcho(w) })
	d, err := c.SetSessionInactivityTimeout(context.Background(), stubToken, "123456", 90*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(s.requests()[0].body, &got); err != nil {
		t.Fatal(err)
	}
	// Only the timeout: Identity ignores the rest from customers, and a name or enabled flag
	// sent by mistake would change the domain for a Rackspace administrator.
	want := map[string]any{"RAX-AUTH:domain": map[string]any{"sessionInactivityTimeout": "PT1H30M"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("body %v, want %v", got, want)
	}
	if d.ID != "123456" || d.SessionInactivityTimeout != "PT30M" || d.Name != "Demo" {
		t.Errorf("domain %+v, want the echo", d)
	}
}

func TestSetSessionInactivityTimeoutChecked(t *testing.T) {
	for _, d := range []time.Duration{time.Minute, 25 * time.Hour, 0} {
		c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { domainEcho(w) })
		_, err := c.SetSessionInactivityTimeout(context.Background(), stubToken, "123456", d)
		e := asError(t, err, KindBadRequest)
		if len(s.requests()) != 0 || !strings.Contains(e.Error(), "between PT5M (300 seconds) and PT24H (86400 seconds)") {
			t.Errorf("%v: %q after %d requests", d, e, len(s.requests()))
		}
	}
}

// A 200 whose body can't be read is KindUnknown: the timeout may well have been set.
func TestSetSessionInactivityTimeoutUnreadable(t *testing.T) {
	for _, body := range []string{`{}`, `not json`, `{"RAX-AUTH:domain":null}`} {
		c, _ := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, body) })
		_, err := c.SetSessionInactivityTimeout(context.Background(), stubToken, "123456", time.Hour)
		e := asError(t, err, KindUnknown)
		if e.Status != http.StatusOK || !strings.HasPrefix(e.Message, "unexpected response") {
			t.Errorf("%s: %q", body, e)
		}
	}
}
