package emuhttp

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// MaxBodyBytes bounds every request body, so a runaway test cannot make an
// emulator buffer without limit.
const MaxBodyBytes = 1 << 20

// ReadBody gives an *http.MaxBytesError for a body over MaxBodyBytes.
func ReadBody(r *http.Request) ([]byte, error) {
	return io.ReadAll(http.MaxBytesReader(nil, r.Body, MaxBodyBytes))
}

// WriteJSON answers status with v as a JSON body.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // after the status line, no one to tell
}

// DecodeStrict rejects unknown fields, so a typo in a test's PATCH fails
// loudly; the error wraps the decoder's, so a caller may allow io.EOF.
func DecodeStrict(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("invalid JSON body: %w", err)
	}
	return nil
}

// CloneJSON deep-copies plain JSON data such as fixtures, with no update
// when a fixture gains a field; what does not survive the trip is zero.
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

// Merge copies the fields patch sets onto dst by JSON key: a patch's nil
// pointers are omitempty, so only what it sets reaches dst.
func Merge(dst, patch any) {
	if b, err := json.Marshal(patch); err == nil {
		_ = json.Unmarshal(b, dst) // plain data of the caller's own types
	}
}

// RandomBytes returns n bytes from crypto/rand, which never fails.
func RandomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// NewUUID returns a random (version 4) UUID in lowercase.
func NewUUID() string {
	b := RandomBytes(16)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
