package rackspace

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// send performs one request of op (with retries) and reads the whole
// response. Any HTTP status is returned as a response; only a failure to get
// one is an error.
func (c *Client) send(ctx context.Context, op, method, path string, header http.Header, payload any) (*httpx.Response, error) {
	body, err := httpx.EncodeJSON(APIName, op, payload)
	if err != nil {
		return nil, err
	}
	return httpx.Send(ctx, c.http, APIName, op, method, c.baseURL+path, header, body)
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
	data, _ := io.ReadAll(io.LimitReader(resp.Body, httpx.MaxBodyBytes))
	resp.Body.Close()
	resp.Body = &bufferedBody{Reader: bytes.NewReader(data), data: data}
	return data
}
