package cloudsso

import (
	"context"
	"net/http"
)

// attempt records what one HTTP exchange gave, as seen below DARA. DARA
// turns answers into errors that keep neither the response headers (so no
// Retry-After) nor, when the body is not JSON, the status; and it returns
// connection failures as bare errors. The retry loop reads this record to
// tell those cases apart.
type attempt struct {
	op string
	n  int // 1 for the first attempt of a call

	status    int         // 0 when no response arrived
	header    http.Header // of the response
	transport error       // the HTTP client's error, when no response arrived
}

type attemptKey struct{}

func withAttempt(ctx context.Context, a *attempt) context.Context {
	return context.WithValue(ctx, attemptKey{}, a)
}

func attemptOf(ctx context.Context) *attempt {
	a, _ := ctx.Value(attemptKey{}).(*attempt)
	return a
}

// httpDoer is the HTTP client DARA sends through (DARA's
// Config.HttpClient). DARA passes a transport it built for the request;
// ours is used instead so that connections, timeouts and TLS settings
// belong to the Client and not to DARA's process-wide pool.
type httpDoer struct {
	client *http.Client
	logger Logger
}

// Call sends one request. DARA calls it once per attempt, on the goroutine
// of the call, with the context given to CallApiWithCtx.
func (d *httpDoer) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	ctx := req.Context()
	a := attemptOf(ctx)
	fields := map[string]any{"method": req.Method, "host": req.Host}
	if a != nil {
		fields["op"], fields["attempt"] = a.op, a.n
	}
	// Only the method, host and attempt are logged: the query holds a
	// directory ID at most, and the headers hold the signature and, with
	// STS, the security token.
	d.logger.Debug(ctx, "cloudsso request", fields)

	resp, err := d.client.Do(req)
	if a != nil {
		if err != nil {
			a.transport = err
		} else {
			a.status, a.header = resp.StatusCode, resp.Header
		}
	}
	if err == nil {
		fields := map[string]any{"status": resp.StatusCode}
		if a != nil {
			fields["op"], fields["attempt"] = a.op, a.n
		}
		d.logger.Debug(ctx, "cloudsso response", fields)
	}
	return resp, err
}
