package cloudsso

import "time"

// quota counts each account's calls in a sliding one-second window on the
// emulator clock (seed 002: 100 calls per second per account). The clock
// flows with real time, and a test can open a new window by advancing it.
type quota struct {
	calls map[string][]time.Time // by account, oldest first
}

func newQuota() *quota { return &quota{calls: map[string][]time.Time{}} }

// allow records a call and reports whether it fits under limit. Inferred:
// a refused call does not count, so a client that backs off gets through
// once the window has moved on; calls "in the future" after the clock was
// moved back are forgotten.
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
