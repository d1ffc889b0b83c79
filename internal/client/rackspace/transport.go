package rackspace

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

func (c *Client) send(ctx context.Context, op, method, path string, header http.Header, payload any) (*httpx.Response, error) {
	return httpx.Send(ctx, c.http, APIName, op, method, c.baseURL+path, header, payload)
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
