package acronis

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// maxBodyBytes bounds what is read from a response; tenant and status
// bodies are a few kilobytes.
const maxBodyBytes = 4 << 20

// newHTTPClient returns the client every request goes through, the token
// request included (oauth2 takes it from the context). Retrying inside a
// RoundTripper lets the oauth2 library, which only knows *http.Client, get
// the same policy as the API calls.
//
// The policy retries connection failures, 429 and the transient 5xx, and
// waits as long as Retry-After asks. Everything else (400, 401, 403, 404,
// 415, ...) is an answer that a repeat would only get again; a 401 is
// handled a level up, where a new token can be fetched first.
func newHTTPClient(hc *http.Client, logger Logger, userAgent string, retry httpx.Retry) *http.Client {
	policy := &httpx.Policy{Name: "acronis", Logger: logger}
	return &http.Client{
		Transport: &headerTransport{
			next:      &retryablehttp.RoundTripper{Client: policy.NewClient(hc, retry)},
			userAgent: userAgent,
		},
	}
}

// headerTransport adds the headers every request carries, the token
// request (built by the oauth2 library) included.
type headerTransport struct {
	next      http.RoundTripper
	userAgent string
}

func (t *headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("User-Agent", t.userAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	return t.next.RoundTrip(req)
}

// send performs one API request (with retries) with the access token and
// reads the whole response. Any HTTP status is returned as a response;
// only a failure to get one is an error.
func (c *Client) send(ctx context.Context, op, method, path, token string, body []byte) (*httpx.Response, error) {
	ctx = httpx.WithOp(ctx, op)
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, rd)
	if err != nil {
		return nil, &Error{Op: op, Message: "building request: " + err.Error(), err: err}
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(ctx, op, err)
	}
	defer resp.Body.Close()
	r, err := httpx.ReadResponse(resp, maxBodyBytes)
	if err != nil {
		return nil, transportError(ctx, op, err)
	}
	return r, nil
}

// encodeJSON marshals a request body, reporting a failure as an *Error of op.
func encodeJSON(op string, payload any) ([]byte, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, &Error{Op: op, Message: "encoding request: " + err.Error(), err: err}
	}
	return b, nil
}

// transportError describes a request that got no usable response.
func transportError(ctx context.Context, op string, err error) *Error {
	msg, cause := httpx.Failure(ctx, err)
	return &Error{Op: op, Message: msg, err: cause}
}
