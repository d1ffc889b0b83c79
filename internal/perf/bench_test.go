package perf

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

// benchSizes are the numbers of objects each benchmark cycle manages.
var benchSizes = []int{1, 100, 500}

// benchParallelism is Terraform's default -parallelism.
const benchParallelism = 10

// BenchmarkCycle runs create, a plan with nothing to change, an update and destroy of N objects
// of each resource type, and of the two floors first, with no emulator latency. It reports,
// per phase: wall time (-s), API calls per object (-calls/obj), logins per command (-logins),
// the provider processes' peak resident memory (-rss-MB), and the ratio of the wall time to
// each floor's at the same N (-x-plugin, -x-tfdata).
func BenchmarkCycle(b *testing.B) {
	for _, n := range benchSizes {
		for _, k := range append([]kind{terraformData, pluginFloor, wideFloor}, resourceKinds...) {
			b.Run(fmt.Sprintf("N=%d/%s", n, k.name), func(b *testing.B) {
				results := benchCycles(b, k, n, benchParallelism)
				floors.set(k.name, n, results)
				reportPhases(b, k, n, results)
				report.addCycle(k, n, results)
			})
		}
	}
}

// benchCycles runs b.N cycles, each against a fresh emulator, and returns each phase's median.
func benchCycles(b *testing.B, k kind, n, parallelism int) []phaseResult {
	b.Helper()
	var all [][]phaseResult
	for range b.N {
		b.StopTimer()
		w := newWorkspace(b, k, n)
		b.StartTimer()
		results, err := w.runCycle(context.Background(), parallelism)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, results)
	}
	return medianPhases(all)
}

// reportPhases reports each phase's figures, and its ratios to the floors at the same N when
// they were measured earlier in the run.
func reportPhases(b *testing.B, k kind, n int, results []phaseResult) {
	for i, r := range results {
		b.ReportMetric(r.wall.Seconds(), r.name+"-s")
		if k.api != "" {
			b.ReportMetric(float64(r.total()-r.calls[opLogin])/float64(n), r.name+"-calls/obj")
			b.ReportMetric(float64(r.calls[opLogin]), r.name+"-logins")
			b.ReportMetric(float64(r.failed), r.name+"-failed")
			b.ReportMetric(r.serving.Seconds(), r.name+"-emulator-s")
			b.ReportMetric(float64(r.conns), r.name+"-conns")
		}
		if k.provider != "" {
			b.ReportMetric(float64(r.rssKiB)/1024, r.name+"-rss-MB")
		}
		if k.provider == "authpolicy" {
			for _, f := range []kind{pluginFloor, terraformData} {
				if floor, ok := floors.get(f.name, n); ok {
					b.ReportMetric(r.wall.Seconds()/floor[i].wall.Seconds(), r.name+"-x-"+floorSuffix(f))
				}
			}
		}
	}
}

func floorSuffix(f kind) string {
	if f.name == pluginFloor.name {
		return "plugin"
	}
	return "tfdata"
}

// refreshObjects, refreshLatency and refreshParallelism set the latency benchmark: a refresh
// whose floor is refreshObjects × refreshLatency / refreshParallelism plus the plugin floor.
const (
	refreshObjects     = 200
	refreshLatency     = 20 * time.Millisecond
	refreshParallelism = 10
)

// BenchmarkRefreshLatency plans, with nothing to change, 200 objects of each resource type
// while the emulator delays every API answer by 20 ms, at -parallelism=10; the plugin floor's
// plan of 200 resources runs first. It reports the plan's wall time (refresh-s), the target
// (ideal-s: 200 × 20 ms / 10 plus the floor's plan) and their ratio (x-ideal).
func BenchmarkRefreshLatency(b *testing.B) {
	var floorPlan time.Duration
	for _, k := range append([]kind{pluginFloor}, resourceKinds...) {
		b.Run(k.name, func(b *testing.B) {
			b.StopTimer()
			w := newWorkspace(b, k, refreshObjects)
			ctx := context.Background()
			if _, err := w.runPhase(ctx, cycle[0], refreshParallelism); err != nil {
				b.Fatal(err)
			}
			if k.api != "" {
				if _, err := w.srv.AddFault(emulator.Fault{API: k.api, Latency: refreshLatency}); err != nil {
					b.Fatal(err)
				}
			}
			var all [][]phaseResult
			for range b.N {
				b.StartTimer()
				r, err := w.runPhase(ctx, cycle[1], refreshParallelism)
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				all = append(all, []phaseResult{r})
			}
			r := medianPhases(all)[0]
			b.ReportMetric(r.wall.Seconds(), "refresh-s")
			if k.api == "" {
				floorPlan = r.wall
				report.addRefresh(k, r, 0)
				return
			}
			ideal := time.Duration(refreshObjects)*refreshLatency/refreshParallelism + floorPlan
			b.ReportMetric(float64(r.total()-r.calls[opLogin])/refreshObjects, "calls/obj")
			if floorPlan > 0 {
				b.ReportMetric(ideal.Seconds(), "ideal-s")
				b.ReportMetric(r.wall.Seconds()/ideal.Seconds(), "x-ideal")
				report.addRefresh(k, r, ideal)
			}
		})
	}
}

// BenchmarkCloudSSOQuota runs the cycle on 500 directories at -parallelism=50 against the
// emulator's enforced quota of 100 calls per second per account. It reports, per phase, the
// calls per second the emulator saw from the first call to the last (-calls/s) and the answers
// that were errors, throttling included (-failed).
func BenchmarkCloudSSOQuota(b *testing.B) {
	const n, parallelism = 500, 50
	results := benchCycles(b, directoryMFAStatus, n, parallelism)
	for _, r := range results {
		b.ReportMetric(r.wall.Seconds(), r.name+"-s")
		b.ReportMetric(r.rate(), r.name+"-calls/s")
		b.ReportMetric(float64(r.failed), r.name+"-failed")
	}
	report.addQuota(results)
}

// medianPhases takes each phase's median wall time and span over several cycles, which a
// busy machine disturbs less than the mean; the calls are those of the median cycle, failures
// are summed over all, and the memory and connections are the largest seen.
func medianPhases(all [][]phaseResult) []phaseResult {
	if len(all) == 0 {
		return nil
	}
	out := make([]phaseResult, len(all[0]))
	for i := range out {
		byWall := make([]phaseResult, len(all))
		for j, results := range all {
			byWall[j] = results[i]
		}
		slices.SortFunc(byWall, func(a, b phaseResult) int { return cmp.Compare(a.wall, b.wall) })
		out[i] = byWall[len(byWall)/2]
		out[i].failed = 0
		for _, r := range byWall {
			out[i].failed += r.failed
			out[i].rssKiB = max(out[i].rssKiB, r.rssKiB)
			out[i].procs = max(out[i].procs, r.procs)
			out[i].conns = max(out[i].conns, r.conns)
		}
	}
	return out
}
