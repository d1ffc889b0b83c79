package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// advice is what a diagnostic says about one kind of API failure: a summary that names the
// failure, and what the user can do about it.
type advice struct{ summary, text string }

// apiErrorDiag turns a client error into one diagnostic that names the operation, the status
// and the API's own message (all in err's text, which never holds a secret), followed by
// advice: the object's own for that kind of failure when it has some (specific may be nil),
// else the service's generic advice. kindOf reports the failure's kind, if err is an API error.
func apiErrorDiag[K comparable](operation string, err error, kindOf func(error) (K, bool),
	generic map[K]advice, specific map[K]string, fallback string) diag.Diagnostic {
	detail := fmt.Sprintf("%s failed: %s", operation, err)
	kind, ok := kindOf(err)
	if !ok {
		return diag.NewErrorDiagnostic(fallback, detail)
	}
	a, known := generic[kind]
	if !known {
		a.summary = fallback
	}
	if own, ok := specific[kind]; ok {
		a.text = own
	}
	if a.text != "" {
		detail += "\n\n" + a.text
	}
	return diag.NewErrorDiagnostic(a.summary, detail)
}
