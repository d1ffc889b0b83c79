package cloudsso

import "time"

// nonceStore: a nonce may not repeat within 15 minutes per key (B.3).
type nonceStore struct {
	seen map[nonceKey]time.Time
	// order drops old entries without scanning the map.
	order []nonceEntry
}

type nonceKey struct{ accessKeyID, nonce string }

type nonceEntry struct {
	key nonceKey
	at  time.Time
}

func newNonceStore() *nonceStore { return &nonceStore{seen: map[nonceKey]time.Time{}} }

// use reports whether a nonce was fresh; one "in the future" after the clock
// was moved back is used.
func (s *nonceStore) use(accessKeyID, nonce string, now time.Time) bool {
	for len(s.order) > 0 && now.Sub(s.order[0].at) >= skew {
		old := s.order[0]
		if s.seen[old.key].Equal(old.at) {
			delete(s.seen, old.key)
		}
		s.order = s.order[1:]
	}
	k := nonceKey{accessKeyID, nonce}
	if at, ok := s.seen[k]; ok && now.Sub(at) < skew {
		return false
	}
	s.seen[k] = now
	s.order = append(s.order, nonceEntry{key: k, at: now})
	return true
}
