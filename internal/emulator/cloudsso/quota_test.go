package cloudsso

import (
	"sync"
	"testing"
	"time"
)

func TestQuotaDefaultIs100PerSecond(t *testing.T) {
	e := newEnv(t, DemoFixture())
	if s := e.api.Settings(); s.CallsPerSecond != 100 {
		t.Fatalf("default quota = %d", s.CallsPerSecond)
	}
	// The fake clock stands still, so all of these fall in one window.
	for i := range 100 {
		if r := e.send(e.demoV1(ActionListDirectories)); r.status != 200 {
			t.Fatalf("call %d: %d %s", i+1, r.status, r.body)
		}
	}
	got := e.send(e.demoV1(ActionListDirectories)).wantErr(t, 400, "Throttling.User")
	if got.Message != "Request was denied due to user flow control." {
		t.Errorf("Message = %q", got.Message)
	}
	e.clock.Advance(time.Second)
	e.send(e.demoV1(ActionListDirectories)).ok(t)
}

func TestQuotaWindow(t *testing.T) {
	fx := DemoFixture()
	fx.Settings = &SettingsFixture{CallsPerSecond: 3}
	e := newEnv(t, fx)
	list := func() response { return e.send(e.demoV1(ActionListDirectories)) }
	list().ok(t)
	e.clock.Advance(500 * time.Millisecond)
	list().ok(t)
	list().ok(t)
	// The fourth call within one second is refused, and so are more; a
	// refused call is not counted.
	r := list()
	r.wantErr(t, 400, "Throttling.User")
	if r.header.Get("Retry-After") != "" {
		t.Error("the quota's refusal sets Retry-After")
	}
	list().wantErr(t, 400, "Throttling.User")
	// The quota is per account: the other account and the demo account's
	// STS key (the same account) differ.
	e.send(e.v1("POST", e.common(ActionListDirectories, DemoOtherAccessKeyID), nil, false, DemoOtherAccessKeySecret)).ok(t)
	e.send(e.v1("POST", e.common(ActionListDirectories, DemoSTSAccessKeyID), values("SecurityToken", DemoSecurityToken), false, DemoSTSAccessKeySecret)).
		wantErr(t, 400, "Throttling.User")
	// A sliding window: the first call leaves it after one second, the two
	// others half a second later.
	e.clock.Advance(500 * time.Millisecond)
	list().ok(t)
	list().wantErr(t, 400, "Throttling.User")
	e.clock.Advance(500 * time.Millisecond)
	list().ok(t)
	list().ok(t)
	list().wantErr(t, 400, "Throttling.User")

	// Moving the clock back forgets the calls "in the future".
	e.clock.Advance(-time.Hour)
	list().ok(t)
}

func TestQuotaSetting(t *testing.T) {
	e := newEnv(t, DemoFixture())
	if _, err := e.api.UpdateSettings(SettingsPatch{CallsPerSecond: ptr(1)}); err != nil {
		t.Fatal(err)
	}
	e.send(e.demoV1(ActionListDirectories)).ok(t)
	e.send(e.demoV1(ActionListDirectories)).wantErr(t, 400, "Throttling.User")
	if _, err := e.api.UpdateSettings(SettingsPatch{CallsPerSecond: ptr(2)}); err != nil {
		t.Fatal(err)
	}
	e.send(e.demoV1(ActionListDirectories)).ok(t)
	for _, bad := range []int{0, -1} {
		if _, err := e.api.UpdateSettings(SettingsPatch{CallsPerSecond: ptr(bad)}); err == nil {
			t.Errorf("calls_per_second %d accepted", bad)
		}
	}
	if s := e.api.Settings(); s.CallsPerSecond != 2 {
		t.Errorf("settings after bad patches = %+v", s)
	}
	// Requests refused before the quota (here: a bad signature) do not use
	// it.
	e.clock.Advance(time.Second)
	for range 5 {
		e.send(e.v1("POST", e.common(ActionListDirectories, DemoAccessKeyID), nil, false, "wrong")).wantErr(t, 400, "SignatureDoesNotMatch")
	}
	e.send(e.demoV1(ActionListDirectories)).ok(t)
}

// TestConcurrentCalls runs signed calls from many goroutines, for the race
// detector: every call is served and every nonce recorded once.
func TestConcurrentCalls(t *testing.T) {
	fx := DemoFixture()
	fx.Settings = &SettingsFixture{CallsPerSecond: 1000}
	e := newEnv(t, fx)
	calls := make([]*call, 0, 200)
	for i := range 200 {
		if i%2 == 0 {
			calls = append(calls, e.demoV1(ActionSetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID, "MFAAuthenticationStatus", MFADisabled))
		} else {
			calls = append(calls, e.demoV3(ActionGetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID))
		}
	}
	statuses := make(chan int, len(calls))
	var wg sync.WaitGroup
	for _, c := range calls {
		wg.Go(func() {
			r, err := e.trySend(c)
			if err != nil {
				t.Error(err)
			}
			statuses <- r.status
		})
	}
	go func() { _ = e.api.Directories(); _ = e.api.Accounts() }()
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != 200 {
			t.Fatalf("a concurrent call got %d", s)
		}
	}
	if len(e.api.St.nonces.seen) != len(calls) {
		t.Errorf("%d nonces recorded, want %d", len(e.api.St.nonces.seen), len(calls))
	}
}
