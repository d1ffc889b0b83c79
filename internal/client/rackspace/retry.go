package rackspace

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// retryResponse retries Repose's 413 overLimit and TransientStatus only:
// repeating a rejected credential or passcode brings a lockout closer.
// Retried bodies are buffered for retryAfter.
func retryResponse(resp *http.Response) bool {
	switch {
	case httpx.TransientStatus(resp.StatusCode):
		bufferBody(resp)
		return true
	case resp.StatusCode == http.StatusRequestEntityTooLarge:
		// Repose's rate limit, not "request too large".
		key, _ := faultKey(bufferBody(resp))
		return key == "overLimit" || resp.Header.Get("Retry-After") != ""
	}
	return false
}

// retryAfter falls back on the overLimit body's retryAfter, in Identity's
// own timestamp format.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if wait, ok := httpx.RetryAfter(resp.Header, now); ok {
		return wait, true
	}
	if b, ok := resp.Body.(*bufferedBody); ok {
		if v, ok := bodyRetryAfter(b.data); ok {
			return httpx.ParseWait(v, httpx.ServerNow(resp.Header, now), parseTime)
		}
	}
	return 0, false
}

// bodyRetryAfter also reads fault.xsd's retryAt.
func bodyRetryAfter(body []byte) (string, bool) {
	_, inner := faultKey(body)
	if inner == nil {
		return "", false
	}
	var f struct {
		RetryAfter string `json:"retryAfter"`
		RetryAt    string `json:"retryAt"`
	}
	if json.Unmarshal(inner, &f) != nil {
		return "", false
	}
	v := cmp.Or(f.RetryAfter, f.RetryAt)
	return strings.TrimSpace(v), v != ""
}

// bufferedBody keeps an overLimit body's retryAfter past the library's drain.
type bufferedBody struct {
	*bytes.Reader
	data []byte
}

func (*bufferedBody) Close() error { return nil }

func bufferBody(resp *http.Response) []byte {
	if b, ok := resp.Body.(*bufferedBody); ok {
		return b.data
	}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, httpx.MaxBodyBytes))
	resp.Body.Close()
	resp.Body = &bufferedBody{Reader: bytes.NewReader(data), data: data}
	return data
}
