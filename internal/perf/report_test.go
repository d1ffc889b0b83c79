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
	// fleet holds BenchmarkFleet's rows by N and -parallelism, in the order run.
	fleet     map[fleetKey][]cycleRow
	fleetKeys []fleetKey
	query     *phaseResult
}

type fleetKey struct{ n, parallelism int }

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

func (p *perfReport) addFleet(k kind, n, parallelism int, results []phaseResult) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fleet == nil {
		p.fleet = map[fleetKey][]cycleRow{}
	}
	key := fleetKey{n, parallelism}
	if !slices.Contains(p.fleetKeys, key) {
		p.fleetKeys = append(p.fleetKeys, key)
	}
	rows := slices.DeleteFunc(p.fleet[key], func(row cycleRow) bool { return row.k.name == k.name })
	p.fleet[key] = append(rows, cycleRow{k, results})
}

func (p *perfReport) addQuery(r phaseResult) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.query = &r
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
	p.writeFleet(&b, phases, header)
	return os.WriteFile(path, []byte(b.String()), 0o600)
}

// writeFleet renders BenchmarkFleet's and BenchmarkQuery's figures.
func (p *perfReport) writeFleet(b *strings.Builder, phases []string, header func(string, []string)) {
	var ns []int
	for _, key := range p.fleetKeys {
		if !slices.Contains(ns, key.n) {
			ns = append(ns, key.n)
		}
	}
	rows := func(n int, each func(par int, row cycleRow, floor []phaseResult)) {
		for _, key := range p.fleetKeys {
			if key.n != n {
				continue
			}
			var floor []phaseResult
			for _, row := range p.fleet[key] {
				if row.k.api == "" {
					floor = row.results
				}
				each(key.parallelism, row, floor)
			}
		}
	}
	line := func(label string, results []phaseResult, cell func(i int, r phaseResult) string) {
		cells := make([]string, len(results))
		for i, r := range results {
			cells[i] = cell(i, r)
		}
		fmt.Fprintf(b, "| %s | %s |\n", label, strings.Join(cells, " | "))
	}
	for _, n := range ns {
		fmt.Fprintf(b, "\nFleet of N = %d customers: wall time per command (× the same-schema floor at the same -parallelism):\n\n", n)
		header("Objects, -parallelism", phases)
		rows(n, func(par int, row cycleRow, floor []phaseResult) {
			line(fmt.Sprintf("%s, %d", row.k.name, par), row.results, func(i int, r phaseResult) string {
				if row.k.api == "" || floor == nil {
					return fmt.Sprintf("%.2f s", r.wall.Seconds())
				}
				return fmt.Sprintf("%.2f s (%.2f×)", r.wall.Seconds(), r.wall.Seconds()/floor[i].wall.Seconds())
			})
		})
	}
	if len(ns) > 0 {
		b.WriteString("\nFleet: API requests per object, logins and pages of the tenant listing apart; then pages, logins:\n\n")
		header("Objects, N, -parallelism", phases)
		for _, n := range ns {
			rows(n, func(par int, row cycleRow, _ []phaseResult) {
				if row.k.api == "" {
					return
				}
				line(fmt.Sprintf("%s, %d, %d", row.k.name, n, par), row.results, func(_ int, r phaseResult) string {
					return fmt.Sprintf("%.2f; %d, %d", float64(r.total()-r.calls[opLogin]-r.calls[opList])/float64(n),
						r.calls[opList], r.calls[opLogin])
				})
			})
		}
		b.WriteString("\nFleet: peak resident memory of the provider process, MB (processes per command):\n\n")
		header("Objects, N, -parallelism", phases)
		for _, n := range ns {
			rows(n, func(par int, row cycleRow, _ []phaseResult) {
				line(fmt.Sprintf("%s, %d, %d", row.k.name, n, par), row.results, func(_ int, r phaseResult) string {
					return fmt.Sprintf("%.1f (%d)", float64(r.rssKiB)/1024, r.procs)
				})
			})
		}
	}
	// Growth: the per-object wall time at the largest N over that at the smallest.
	if len(ns) > 1 {
		small, large := slices.Min(ns), slices.Max(ns)
		fmt.Fprintf(b, "\nFleet: wall time per object at N = %d over that at N = %d (target: at most 1.10):\n\n", large, small)
		header("Objects, -parallelism", phases)
		for _, par := range fleetParallelism {
			for _, row := range p.fleet[fleetKey{large, par}] {
				i := slices.IndexFunc(p.fleet[fleetKey{small, par}], func(r cycleRow) bool { return r.k.name == row.k.name })
				if i < 0 {
					continue
				}
				base := p.fleet[fleetKey{small, par}][i].results
				cells := make([]string, len(row.results))
				for j, r := range row.results {
					cells[j] = fmt.Sprintf("%.2f", (r.wall.Seconds()/float64(large))/(base[j].wall.Seconds()/float64(small)))
				}
				fmt.Fprintf(b, "| %s, %d | %s |\n", row.k.name, par, strings.Join(cells, " | "))
			}
		}
	}
	if q := p.query; q != nil {
		fmt.Fprintf(b, "\n`terraform query` of %d tenants (identities only):\n\n", queryObjects)
		header("List resource", []string{"wall", "requests", "pages", "logins", "peak memory (processes)"})
		fmt.Fprintf(b, "| authpolicy_tenant_mfa_status | %.2f s | %d | %d | %d | %.1f MB (%d) |\n", q.wall.Seconds(),
			q.total()-q.calls[opLogin], q.calls[opList], q.calls[opLogin], float64(q.rssKiB)/1024, q.procs)
	}
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
