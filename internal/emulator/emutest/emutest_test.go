package emutest

import (
	"io"
	"net/http"
	"testing"
	"time"
)

func TestClock(t *testing.T) {
	c := NewClock()
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if !c.Now().Equal(start) {
		t.Fatalf("Now = %v, want %v", c.Now(), start)
	}
	c.Advance(90 * time.Minute)
	c.Advance(-30 * time.Minute)
	if !c.Now().Equal(start.Add(time.Hour)) {
		t.Errorf("after advancing: %v", c.Now())
	}
}

func TestServeAndSend(t *testing.T) {
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header()["X-Got"] = r.Header.Values("X-Pair")
		w.WriteHeader(http.StatusAccepted)
		_, _ = w.Write(append([]byte(r.Method+" "+r.URL.Path+" "), b...))
	})
	url := Serve(t,
		map[string]http.Handler{"POST /api/x": echo},
		AdminRoutes(t, "demo", map[string]http.Handler{"PATCH /things/{id}": echo}),
	)
	r := Send(t, "POST", url+"/api/x", "hello", Header("X-Pair", "a", "X-Pair", "b"))
	if r.Status != http.StatusAccepted || string(r.Body) != "POST /api/x hello" {
		t.Errorf("API route = %d %q", r.Status, r.Body)
	}
	// Header keeps the last of a repeated name, as Header.Set does.
	if got := r.Header.Values("X-Got"); len(got) != 1 || got[0] != "b" {
		t.Errorf("X-Pair reached the handler as %q", got)
	}
	r = Send(t, "PATCH", url+"/_emulator/demo/things/1", "", http.Header{"X-Pair": {"a", "b"}})
	if r.Status != http.StatusAccepted || string(r.Body) != "PATCH /_emulator/demo/things/1 " {
		t.Errorf("admin route = %d %q", r.Status, r.Body)
	}
	if got := r.Header.Values("X-Got"); len(got) != 2 {
		t.Errorf("every value of a header should be sent, got %q", got)
	}
}
