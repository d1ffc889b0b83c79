package emuhttp

import "regexp"

// IDs says how a fixture list names its objects: an id must match Valid (nil:
// be non-empty), and is otherwise "not <Want>".
type IDs struct {
	List, Kind string // "tenants", "tenant"
	Valid      *regexp.Regexp
	Want       string
}

// Each reports, through bad, the invalid and repeated ids of list, and runs
// check on every object with a valid one, telling it whether the id repeats
// an earlier one so that it can skip what it checked there.
func Each[T any](bad func(string, ...any), ids IDs, list []T, id func(T) string, check func(t T, dup bool)) {
	seen := map[string]bool{}
	for i, t := range list {
		switch s := id(t); {
		case ids.Valid == nil && s == "":
			bad("%s[%d]: id is required", ids.List, i)
		case ids.Valid != nil && !ids.Valid.MatchString(s):
			bad("%s[%d]: id %q is not %s", ids.List, i, s, ids.Want)
		default:
			if seen[s] {
				bad("%s %q: duplicate id", ids.Kind, s)
			}
			check(t, seen[s])
			seen[s] = true
		}
	}
}
