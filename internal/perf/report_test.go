package perf

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// floors holds each floor's phase means by N, measured earlier in the same run.
var floors = floorStore{m: map[floorKey][]phaseResult{}}

type floorKey struct {
	name string
	n    int
}

type floorStore struct {
	mu sync.Mutex
	m  map[floorKey][]phaseResult
}

func (s *floorStore) set(name string, n int, results []phaseResult) {
	if name != pluginFloor.name && name != terraformData.name {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[floorKey{name, n}] = results
}

func (s *floorStore) get(name string, n int) ([]phaseResult, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.m[floorKey{name, n}]
	return r, ok
}

// report gathers the figures of a benchmark run. With AUTHPOLICY_PERF_REPORT set, TestMain
// writes them as the Markdown tables of docs/guides/performance.md.
var report perfReport

type perfReport struct {
	mu      sync.Mutex
	sizes   []int
	cycles  map[int][]cycleRow
	refresh []refreshRow
	quota   []phaseResult
}

type cycleRow struct {
	k       kind
	results []phaseResult
}

type refreshRow struct {
	k     kind
	r     phaseResult
	ideal float64 // seconds; 0 for the floor
}

func (p *perfReport) addCycle(k kind, n int, results []phaseResult) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cycles == nil {
		p.cycles = map[int][]cycleRow{}
	}
	if !slices.Contains(p.sizes, n) {
		p.sizes = append(p.sizes, n)
	}
	// testing.B runs each benchmark once with b.N = 1 before the run it reports: the last wins.
	rows := slices.DeleteFunc(p.cycles[n], func(row cycleRow) bool { return row.k.name == k.name })
	p.cycles[n] = append(rows, cycleRow{k, results})
}

func (p *perfReport) addRefresh(k kind, r phaseResult, ideal time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.refresh = slices.DeleteFunc(p.refresh, func(row refreshRow) bool { return row.k.name == k.name })
	p.refresh = append(p.refresh, refreshRow{k, r, ideal.Seconds()})
}

func (p *perfReport) addQuota(results []phaseResult) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.quota = results
}

// write renders the figures gathered as Markdown.
func (p *perfReport) write(path string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b strings.Builder
	phases := make([]string, len(cycle))
	for i, ph := range cycle {
		phases[i] = ph.name
	}
	header := func(first string, cols []string) {
		fmt.Fprintf(&b, "| %s | %s |\n|---|%s\n", first, strings.Join(cols, " | "), strings.Repeat("---:|", len(cols)))
	}
	for _, n := range p.sizes {
		fmt.Fprintf(&b, "\nWall time per command, N = %d (× the plugin floor at the same N):\n\n", n)
		header("Objects", phases)
		floor := p.floorAt(n)
		for _, row := range p.cycles[n] {
			cells := make([]string, len(row.results))
			for i, r := range row.results {
				cells[i] = fmt.Sprintf("%.2f s", r.wall.Seconds())
				if row.k.provider == "authpolicy" && floor != nil {
					cells[i] += fmt.Sprintf(" (%.2f×)", r.wall.Seconds()/floor[i].wall.Seconds())
				}
			}
			fmt.Fprintf(&b, "| %s | %s |\n", row.k.name, strings.Join(cells, " | "))
		}
	}
	if largest := p.largest(); largest > 0 {
		fmt.Fprintf(&b, "\nAPI calls per object, then logins, per command (N = %d):\n\n", largest)
		header("Resource type", phases)
		for _, row := range p.cycles[largest] {
			if row.k.api == "" {
				continue
			}
			cells := make([]string, len(row.results))
			for i, r := range row.results {
				cells[i] = fmt.Sprintf("%.2f, %d", float64(r.total()-r.calls[opLogin])/float64(largest), r.calls[opLogin])
			}
			fmt.Fprintf(&b, "| %s | %s |\n", row.k.name, strings.Join(cells, " | "))
		}
		fmt.Fprintf(&b, "\nPeak resident memory of the provider process, MB (N = %d; processes per command):\n\n", largest)
		header("Provider", phases)
		for _, row := range p.cycles[largest] {
			if row.k.provider == "" {
				continue
			}
			cells := make([]string, len(row.results))
			for i, r := range row.results {
				cells[i] = fmt.Sprintf("%.1f (%d)", float64(r.rssKiB)/1024, r.procs)
			}
			fmt.Fprintf(&b, "| %s | %s |\n", row.k.name, strings.Join(cells, " | "))
		}
	}
	if len(p.refresh) > 0 {
		fmt.Fprintf(&b, "\nPlan (refresh) of %d objects, %s emulator latency per call, -parallelism=%d:\n\n",
			refreshObjects, refreshLatency, refreshParallelism)
		header("Objects", []string{"wall", "target", "× target"})
		for _, row := range p.refresh {
			if row.ideal == 0 {
				fmt.Fprintf(&b, "| %s | %.2f s | | |\n", row.k.name, row.r.wall.Seconds())
				continue
			}
			fmt.Fprintf(&b, "| %s | %.2f s | %.2f s | %.2f× |\n", row.k.name, row.r.wall.Seconds(), row.ideal,
				row.r.wall.Seconds()/row.ideal)
		}
	}
	if len(p.quota) > 0 {
		b.WriteString("\nCloudSSO at its enforced quota of 100 calls/s, 500 directories, -parallelism=50:\n\n")
		header("Phase", []string{"wall", "calls", "calls/s", "failed answers"})
		for _, r := range p.quota {
			fmt.Fprintf(&b, "| %s | %.2f s | %d | %.1f | %d |\n", r.name, r.wall.Seconds(), r.total(), r.rate(), r.failed)
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o600)
}

func (p *perfReport) floorAt(n int) []phaseResult {
	for _, row := range p.cycles[n] {
		if row.k.name == pluginFloor.name {
			return row.results
		}
	}
	return nil
}

func (p *perfReport) largest() int {
	if len(p.sizes) == 0 {
		return 0
	}
	return slices.Max(p.sizes)
}
