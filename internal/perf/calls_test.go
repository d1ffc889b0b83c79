package perf

import (
	"context"
	"fmt"
	"maps"
	"testing"
)

// callsObjects is how many objects each call-count test manages.
const callsObjects = 50

// TestAccMinimalCalls runs create, a plan with nothing to change, an update and destroy of 50
// objects of each resource type through the real Terraform CLI and the built provider binary,
// and asserts every API request each command made, counted on the emulator's side:
//   - a refresh reads each object once;
//   - a create or update writes each object once and reads nothing back;
//   - a destroy makes one call per object (after the refresh destroy does first);
//   - each provider process logs in at most once, however many objects and however parallel.
//
// Terraform starts a new provider process for a command's plan and another for its apply, and
// the provider keeps no token on disk. So a command that both reads (refresh) and writes logs
// in twice: once per process.
func TestAccMinimalCalls(t *testing.T) {
	for _, k := range resourceKinds {
		for _, parallelism := range []int{10, 50} {
			t.Run(fmt.Sprintf("%s/parallelism=%d", k.name, parallelism), func(t *testing.T) {
				t.Parallel()
				w := newWorkspace(t, k, callsObjects)
				results, err := w.runCycle(context.Background(), parallelism)
				if err != nil {
					t.Fatal(err)
				}
				n := callsObjects
				// The provider processes that call the API: the apply's, and the plan's when
				// it refreshes.
				walks := map[string]int{"create": 1, "plan": 1, "update": 2, "destroy": 2}
				want := map[string]map[string]int{
					"create":  {opLogin: k.logins, opWrite: n},
					"plan":    {opLogin: k.logins, opRead: n},
					"update":  {opLogin: walks["update"] * k.logins, opRead: n, opWrite: n},
					"destroy": {opLogin: walks["destroy"] * k.logins, opRead: n, destroyOp(k): n},
				}
				for _, r := range results {
					w := want[r.name]
					for op, c := range w {
						if c == 0 {
							delete(w, op)
						}
					}
					if !maps.Equal(r.calls, w) {
						t.Errorf("%s: API calls %v, want %v", r.name, r.calls, w)
					}
					if r.failed != 0 {
						t.Errorf("%s: %d requests failed, want none", r.name, r.failed)
					}
					// A process may open as many connections as requests run at once, and must
					// reuse them: a pool too small dials one per request.
					if limit := walks[r.name] * parallelism; r.conns > limit {
						t.Errorf("%s: %d connections opened to the API by %d provider processes calling it, want at "+
							"most %d (-parallelism=%d)", r.name, r.conns, walks[r.name], limit, parallelism)
					}
				}
			})
		}
	}
}

// destroyOp is how a resource type's Delete resets its setting: the password policy is
// deleted, the others are written back to the service's default.
func destroyOp(k kind) string {
	if k.name == domainPasswordPolicy.name {
		return opDelete
	}
	return opWrite
}
