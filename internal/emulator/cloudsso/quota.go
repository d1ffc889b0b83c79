package cloudsso

import "time"

// quota is a sliding one-second window per account on the emulator clock
// (seed 002), which a test can advance to open a new window.
type quota struct {
	calls map[string][]time.Time // by account, oldest first
}

func newQuota() *quota { return &quota{calls: map[string][]time.Time{}} }

// allow. Inferred: a refused call does not count, so a client that backs
// off gets through; calls "in the future" after a clock change are forgotten.
func (q *quota) allow(accountID string, limit int, now time.Time) bool {
	from := now.Add(-quotaWindow)
	kept := q.calls[accountID][:0]
	for _, t := range q.calls[accountID] {
		if t.After(from) && !t.After(now) {
			kept = append(kept, t)
		}
	}
	if len(kept) >= limit {
		q.calls[accountID] = kept
		return false
	}
	q.calls[accountID] = append(kept, now)
	return true
}
