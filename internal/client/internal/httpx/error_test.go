package httpx

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		e    *Error
		want string
	}{
		{&Error{Service: "cloudsso", Op: "GetDirectory", Status: 404, Code: "EntityNotExists.Directory", Message: "The specified directory does not exist.", RequestID: "R1"},
			"cloudsso: GetDirectory: HTTP 404, code EntityNotExists.Directory: The specified directory does not exist. (request ID R1)"},
		{&Error{Service: "cloudsso", Op: "GetDirectory", Status: 503, Message: "Service Unavailable", Attempts: 3, Hint: "gave up retrying: context deadline exceeded"},
			"cloudsso: GetDirectory: HTTP 503: Service Unavailable after 3 attempts; gave up retrying: context deadline exceeded"},
		{&Error{Service: "cloudsso", Op: "GetDirectory", Code: "InvalidCredentials", Message: "Please set up the credentials correctly."},
			"cloudsso: GetDirectory: code InvalidCredentials: Please set up the credentials correctly."},
		// The status repeated as the code, and details the message holds, are not said twice.
		{&Error{Service: "acronis", Op: "get tenant", Status: 404, Code: "404", Message: "Tenant 1 not found", Info: "Tenant 1 not found"},
			"acronis: get tenant: HTTP 404: Tenant 1 not found"},
		{&Error{Service: "acronis", Op: "get tenant", Status: 400, Code: "1027", Message: "Refused", Info: "kind 'unit'"},
			"acronis: get tenant: HTTP 400, code 1027: Refused (details: kind 'unit')"},
		{&Error{Service: "rackspace identity", Op: "authenticate", Status: 401, Fault: "unauthorized", Code: "AUTH-004", Message: "Error code: 'AUTH-004'; Unable to authenticate user with credentials provided.", Hint: "check it"},
			"rackspace identity: authenticate: HTTP 401 unauthorized: Error code: 'AUTH-004'; Unable to authenticate user with credentials provided.; check it"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q\nwant      %q", got, tt.want)
		}
	}
	e := &Error{Service: "acronis", Op: "get tenant", Message: "request abandoned: context canceled", Err: context.Canceled}
	if e.Error() != "acronis: get tenant: request abandoned: context canceled" || !errors.Is(e, context.Canceled) {
		t.Errorf("Error() = %q", e)
	}
	var got *Error
	if !errors.As(fmt.Errorf("reading tenant: %w", e), &got) || got != e {
		t.Error("errors.As through a wrap")
	}
}

func TestKindString(t *testing.T) {
	if KindUnknown.String() != "unknown" || KindNotFound.String() != "not found" {
		t.Errorf("%q, %q", KindUnknown, KindNotFound)
	}
}

func TestErrorRedact(t *testing.T) {
	e := &Error{Code: " k-secret ", Message: "bad k-secret ", Info: "k-secret", RequestID: "id k-secret", Domain: "k-secret"}
	e.Redact("k-secret")
	want := Error{Code: "[redacted]", Message: "bad [redacted]", Info: "[redacted]", RequestID: "id [redacted]", Domain: "k-secret"}
	if *e != want {
		t.Errorf("Redact = %+v, want %+v", *e, want)
	}
	// The status words a message the server did not send.
	e = &Error{Status: 503, Message: " "}
	if e.Redact(); e.Message != "Service Unavailable" {
		t.Errorf("no message: %q", e.Message)
	}
}
