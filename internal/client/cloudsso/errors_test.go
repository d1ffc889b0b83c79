package cloudsso

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/alibabacloud-go/tea/tea"
)

// TestErrorKinds sends each error the gateway and CloudSSO are known to give
// (B.3) through DARA and checks the *Error it becomes.
func TestErrorKinds(t *testing.T) {
	tests := []struct {
		status  int
		code    string
		message string
		want    Kind
	}{
		{400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n7f3a", KindSignature},
		{400, "IncompleteSignature", "The request signature does not conform to Aliyun standards. server string to sign is:POST&%2F&", KindSignature},
		{404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", KindAccessKey},
		{400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled.", KindAccessKey},
		{400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.", KindSecurityToken},
		{400, "InvalidSecurityToken.MalformedOrExpired", "The security token is malformed or expired.", KindSecurityToken},
		{400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.", KindTimestamp},
		{400, "IllegalTimestamp", "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.", KindTimestamp},
		{404, "EntityNotExists.Directory", "The specified directory does not exist.", KindNotFound},
		{400, "Throttling", "Request was denied due to flow control.", KindThrottled},
		{400, "Throttling.User", "Request was denied due to user flow control.", KindThrottled},
		{400, "Throttling.Api", "Request was denied due to api flow control.", KindThrottled},
		{503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.", KindServer},
		{500, "InternalError", "The request processing has failed due to some unknown error.", KindServer},
		{403, "Forbidden.RAM", "User not authorized to operate on the specified resource, or this API doesn't support RAM.", KindForbidden},
		{403, "NoPermission", "You are not authorized to do this action.", KindForbidden},
		{400, "MissingParameter.DirectoryId", "The input parameter DirectoryId that is mandatory for processing this request is not supplied.", KindBadRequest},
		{400, "InvalidParameter.MFAAuthenticationStatus", "The specified MFAAuthenticationStatus is invalid.", KindBadRequest},
		{400, "SignatureNonceUsed", "Specified signature nonce was used already.", KindBadRequest},
		// Not about the directory: must not read as "the directory is gone".
		{404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.", KindBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			s := newStub(t)
			var requestID, host string
			s.setHook(func(_ int, w http.ResponseWriter, r *http.Request) bool {
				requestID, host = writeError(w, r, tt.status, tt.code, tt.message), r.Host
				return true
			})
			// No retries, so that retried kinds come back at once too.
			c := s.start(Config{RetryMax: -1})
			err := c.SetMFAAuthenticationStatus(context.Background(), dirID, true)
			e := asError(t, err, tt.want)
			if e.Op != "SetMFAAuthenticationStatus" || e.Status != tt.status || e.Code != tt.code ||
				e.Message != tt.message || e.RequestID != requestID {
				t.Errorf("got %+v", *e)
			}
			want := fmt.Sprintf("cloudsso: SetMFAAuthenticationStatus: HTTP %d, code %s: %s (request ID %s)",
				tt.status, tt.code, tt.message, requestID)
			if !strings.HasPrefix(e.Error(), want) {
				t.Errorf("Error() = %q\nwant prefix %q", e.Error(), want)
			}
			// DARA's own wrapping and the rest of the body stay out.
			for _, noise := range []string{"SDKError", "code: " + fmt.Sprint(tt.status), "Recommend", "troubleshoot", host} {
				if strings.Contains(e.Error(), noise) {
					t.Errorf("Error() %q contains %q", e.Error(), noise)
				}
			}
			if n := len(s.recorded()); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestErrorHints(t *testing.T) {
	for code, want := range map[string]string{
		"SignatureDoesNotMatch":        "; check the access key secret",
		"InvalidAccessKeyId.NotFound":  "; check the access key ID",
		"InvalidSecurityToken.Expired": "; the STS credentials have expired",
		"InvalidTimeStamp.Expired":     "; check this machine's clock",
	} {
		s := newStub(t)
		s.setHook(func(_ int, w http.ResponseWriter, r *http.Request) bool {
			writeError(w, r, 400, code, "refused")
			return true
		})
		c := s.start(Config{})
		_, err := c.GetMFAAuthenticationStatus(context.Background(), dirID)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v lacks %q", code, err, want)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		status int
		code   string
		want   Kind
	}{
		{403, "", KindForbidden},
		{403, "Forbidden", KindForbidden},
		{400, "Forbidden.AccessKeyDisabled", KindForbidden},
		{418, "", KindBadRequest},
		{404, "", KindBadRequest},
		{404, "EntityNotExists.User", KindBadRequest},
		{502, "", KindServer},
		{504, "GatewayTimeout", KindServer},
		{400, "ServiceUnavailable", KindServer},
		{503, "Throttling.User", KindThrottled},
		{0, "", KindUnknown},
		{301, "", KindUnknown},
	}
	for _, tt := range tests {
		if got := classify(tt.status, tt.code); got != tt.want {
			t.Errorf("classify(%d, %q) = %v, want %v", tt.status, tt.code, got, tt.want)
		}
	}
}

// TestNonJSONErrorBody: a proxy's page in place of the gateway's body is
// classified by its status and not quoted.
func TestNonJSONErrorBody(t *testing.T) {
	for _, tt := range []struct {
		status int
		want   Kind
	}{{502, KindServer}, {403, KindForbidden}, {400, KindBadRequest}} {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			s := newStub(t)
			s.setHook(func(_ int, w http.ResponseWriter, _ *http.Request) bool {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte("<html><body>proxy says no</body></html>"))
				return true
			})
			c := s.start(Config{RetryMax: -1})
			_, err := c.GetMFAAuthenticationStatus(context.Background(), dirID)
			e := asError(t, err, tt.want)
			if e.Status != tt.status || e.Code != "" || strings.Contains(e.Error(), "proxy says") {
				t.Errorf("got %+v: %v", *e, e)
			}
			if !strings.Contains(e.Error(), http.StatusText(tt.status)) {
				t.Errorf("Error() %q lacks the status text", e)
			}
		})
	}
}

// TestSDKErrorFallback reads DARA's error when its Data is missing: the
// message and request ID are taken back out of DARA's own wording.
func TestSDKErrorFallback(t *testing.T) {
	c := &Client{secrets: []string{testSecret}}
	sdk := tea.NewSDKError(map[string]any{
		"code":       "Throttling.User",
		"statusCode": 400,
		"message":    "code: 400, Request was denied due to user flow control. request id: 0F1E2D3C-AAAA-BBBB-CCCC-1234567890AB",
	})
	e := c.callError(context.Background(), "GetDirectory", sdk, &attempt{status: 400})
	if e.Kind != KindThrottled || e.Message != "Request was denied due to user flow control." ||
		e.RequestID != "0F1E2D3C-AAAA-BBBB-CCCC-1234567890AB" || !e.Retryable {
		t.Errorf("got %+v", *e)
	}

	// DARA refusing before sending: its fields, not its multi-line dump.
	sdk = tea.NewSDKError(map[string]any{"code": "InvalidCredentials", "message": "Please set up the credentials correctly."})
	e = c.callError(context.Background(), "GetDirectory", sdk, &attempt{})
	if got := e.Error(); got != "cloudsso: GetDirectory: code InvalidCredentials: Please set up the credentials correctly." || e.Retryable {
		t.Errorf("Error() = %q", got)
	}
}
