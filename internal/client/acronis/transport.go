package acronis

import (
	"context"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// send performs one API request of op (with retries) with the access token
// and reads the whole response. Any HTTP status is returned as a response;
// only a failure to get one is an error.
func (c *Client) send(ctx context.Context, op, method, path, token string, body []byte) (*httpx.Response, error) {
	return httpx.Send(ctx, c.http, APIName, op, method, c.baseURL+path, map[string][]string{"Authorization": {"Bearer " + token}}, body)
}

// encodeJSON marshals a request body, reporting a failure as an *Error of op.
func encodeJSON(op string, payload any) ([]byte, error) {
	return httpx.EncodeJSON(APIName, op, payload)
}
