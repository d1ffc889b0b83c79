package provider

import (
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
)

// Every provider runs in the test process, so no test downloads anything.
var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"authpolicy": providerserver.NewProtocol6WithError(New("test")()),
}

var testAccProvidersWithEcho = map[string]func() (tfprotov6.ProviderServer, error){
	"authpolicy": providerserver.NewProtocol6WithError(New("test")()),
	"echo":       echoprovider.NewProviderServer(),
}

// TestMain clears the provider's environment variables so a developer's own credentials can
// never reach the emulator, nor mask a missing attribute in a test configuration.
func TestMain(m *testing.M) {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "RS_") || strings.HasPrefix(name, "ACRONIS_") ||
			strings.HasPrefix(name, "ALIBABA_CLOUD_") {
			_ = os.Unsetenv(name)
		}
	}
	os.Exit(m.Run())
}
