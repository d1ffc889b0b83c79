package emuhttp

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// MaxBodyBytes bounds every request body an emulator reads, so a runaway
// test cannot make it buffer without limit.
const MaxBodyBytes = 1 << 20

// ReadBody reads a request body of at most MaxBodyBytes; a larger body
// gives an *http.MaxBytesError.
func ReadBody(r *http.Request) ([]byte, error) {
	return io.ReadAll(http.MaxBytesReader(nil, r.Body, MaxBodyBytes))
}

// WriteJSON answers status with v as a JSON body.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The status line is gone by now; a failed write has no one to tell.
	_ = json.NewEncoder(w).Encode(v)
}

// DecodeStrict decodes a request body of at most MaxBodyBytes into v and
// rejects unknown fields, so a typo in a test's PATCH fails loudly instead
// of silently changing nothing. The error says "invalid JSON body: " and
// wraps the decoder's, so a caller that allows an empty body can look for
// io.EOF.
func DecodeStrict(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("invalid JSON body: %w", err)
	}
	return nil
}

// CloneJSON returns a deep copy of v made by a JSON round trip. That is
// faithful for fixtures, which hold plain JSON data only, and needs no
// update when a fixture gains a field. A value that does not survive the
// trip comes back as the zero value.
func CloneJSON[T any](v T) T {
	var zero, out T
	b, err := json.Marshal(v)
	if err != nil {
		return zero
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return zero
	}
	return out
}
