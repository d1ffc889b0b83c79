package rackspace

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// maxBodyBytes bounds what is read from a response; Identity bodies are a
// few kilobytes, a large service catalog perhaps a few hundred.
const maxBodyBytes = 4 << 20

// send performs one logical request (with retries) and reads the whole
// response. Any HTTP status is returned as a response; only a failure to get
// one is an error.
func (c *Client) send(ctx context.Context, op, method, path string, header http.Header, payload any) (*httpx.Response, error) {
	var body []byte
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			return nil, &Error{Op: op, Message: "encoding request: " + err.Error(), err: err}
		}
		body = b
	}
	ctx = httpx.WithOp(ctx, op)
	var raw any
	if body != nil {
		raw = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, c.baseURL+path, raw)
	if err != nil {
		return nil, &Error{Op: op, Message: "building request: " + err.Error(), err: err}
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
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

// transportError describes a request that got no usable response.
func transportError(ctx context.Context, op string, err error) *Error {
	msg, cause := httpx.Failure(ctx, err)
	return &Error{Op: op, Message: msg, err: cause}
}

// bufferedBody replaces the body of a response that may be retried: the
// library drains it before asking for the backoff, and the overLimit body's
// retryAfter is still needed then.
type bufferedBody struct {
	*bytes.Reader
	data []byte
}

func (*bufferedBody) Close() error { return nil }

func bufferBody(resp *http.Response) []byte {
	if b, ok := resp.Body.(*bufferedBody); ok {
		return b.data
	}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	resp.Body.Close()
	resp.Body = &bufferedBody{Reader: bytes.NewReader(data), data: data}
	return data
}
