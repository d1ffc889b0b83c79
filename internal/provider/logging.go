package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// clientLogger routes the API clients' debug output to tflog. The clients never log secrets
// on purpose; masking the configured ones here as well means a mistake in a client can't leak
// them into TF_LOG output.
type clientLogger struct {
	secrets []string
}

func newClientLogger(secrets ...string) clientLogger {
	var kept []string
	for _, s := range secrets {
		if s != "" {
			kept = append(kept, s)
		}
	}
	return clientLogger{secrets: kept}
}

func (l clientLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	if len(l.secrets) > 0 {
		ctx = tflog.MaskMessageStrings(ctx, l.secrets...)
		ctx = tflog.MaskAllFieldValuesStrings(ctx, l.secrets...)
	}
	tflog.Debug(ctx, msg, fields)
}
