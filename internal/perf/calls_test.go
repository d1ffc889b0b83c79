package perf

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/provider"
)

// callsObjects is how many objects each call-count test manages.
const callsObjects = 50

// TestAccMinimalCalls runs create, a plan with nothing to change, an update and destroy of 50
// objects of each resource type through the real Terraform CLI and the built provider binary,
// and asserts every API request each command made, counted on the emulator's side:
//   - a refresh reads each object once;
//   - a create or update writes each object once and reads nothing back, unless the API
//     answers the write with no content (kind.readsBack): then it reads each object once;
//   - a destroy makes one call per object (after the refresh destroy does first);
//   - each provider process logs in at most once, however many objects and however parallel.
//
// Terraform starts a new provider process for a command's plan and another for its apply, and
// the provider keeps no token on disk. So a command that both reads (refresh) and writes logs
// in twice: once per process.
func TestAccMinimalCalls(t *testing.T) {
	checkMeasured(t)
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
				// A write that reads its object back does so once per object.
				back := 0
				if k.readsBack {
					back = n
				}
				// The provider processes that call the API: the apply's, and the plan's when
				// it refreshes.
				walks := map[string]int{"create": 1, "plan": 1, "update": 2, "destroy": 2}
				want := map[string]map[string]int{
					"create":  {opLogin: k.logins, opWrite: n, opRead: back},
					"plan":    {opLogin: k.logins, opRead: n},
					"update":  {opLogin: walks["update"] * k.logins, opRead: n + back, opWrite: n},
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
					// reuse them: a pool too small dials one per request. A write's read-back
					// follows it at once on the same goroutine, and Go's transport puts the
					// write's connection back in the pool from its read loop, so the read-back
					// may find none yet and dial: two connections per running request then.
					perRequest := 1
					if k.readsBack {
						perRequest = 2
					}
					if limit := walks[r.name] * parallelism * perRequest; r.conns > limit {
						t.Errorf("%s: %d connections opened to the API by %d provider processes calling it, want at "+
							"most %d (-parallelism=%d)", r.name, r.conns, walks[r.name], limit, parallelism)
					}
				}
			})
		}
	}
}

// destroyOp is how a resource type's Delete resets its setting.
func destroyOp(k kind) string {
	if k.deletes {
		return opDelete
	}
	return opWrite
}

// unmeasuredObjects lists the provider's objects with neither a kind in kinds nor a reason in
// unmeasured.
func unmeasuredObjects(objects []string, kinds []kind, unmeasured map[string]string) []string {
	var out []string
	for _, o := range objects {
		_, excused := unmeasured[o]
		if !excused && !slices.ContainsFunc(kinds, func(k kind) bool { return "authpolicy_"+k.name == o }) {
			out = append(out, o)
		}
	}
	return out
}

// providerObjects are the address prefixes of every object the provider registers.
func providerObjects() []string {
	ctx := context.Background()
	p := provider.New("test")()
	var out []string
	for _, f := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "authpolicy"}, &resp)
		out = append(out, resp.TypeName)
	}
	for _, f := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "authpolicy"}, &resp)
		out = append(out, "data."+resp.TypeName)
	}
	if pe, ok := p.(fwprovider.ProviderWithEphemeralResources); ok {
		for _, f := range pe.EphemeralResources(ctx) {
			var resp ephemeral.MetadataResponse
			f().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "authpolicy"}, &resp)
			out = append(out, "ephemeral."+resp.TypeName)
		}
	}
	return out
}

// checkMeasured fails the test for an object of the provider that the call counts miss.
func checkMeasured(t *testing.T) {
	t.Helper()
	objects := providerObjects()
	if len(objects) < 6 {
		t.Fatalf("the provider registers %d objects, want at least 6: the enumeration is broken: %v", len(objects), objects)
	}
	if missing := unmeasuredObjects(objects, resourceKinds, unmeasured); len(missing) > 0 {
		t.Fatalf("%s has no case in the minimal-calls test: add a kind to resourceKinds (kinds_test.go), or a reason to unmeasured",
			strings.Join(missing, ", "))
	}
}

// The coverage check must itself be able to fail.
func TestUnmeasuredObjects(t *testing.T) {
	kinds := []kind{{name: "a"}}
	excused := map[string]string{"data.authpolicy_b": "reason"}
	got := unmeasuredObjects([]string{"authpolicy_a", "data.authpolicy_b", "authpolicy_c", "ephemeral.authpolicy_b"}, kinds, excused)
	if want := []string{"authpolicy_c", "ephemeral.authpolicy_b"}; !slices.Equal(got, want) {
		t.Errorf("unmeasured objects %v, want %v", got, want)
	}
	checkMeasured(t)
}
