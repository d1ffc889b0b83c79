package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// Fixture is the initial state of every emulated API, one field per API.
// FIXTURE.md documents the JSON form.
type Fixture struct {
	Identity identity.Fixture `json:"identity"`
	Acronis  acronis.Fixture  `json:"acronis"`
	CloudSSO cloudsso.Fixture `json:"cloudsso"`
}

// DemoFixture returns the built-in demo state. Each call returns a fresh
// copy.
func DemoFixture() *Fixture {
	return &Fixture{Identity: identity.DemoFixture(), Acronis: acronis.DemoFixture(), CloudSSO: cloudsso.DemoFixture()}
}

// Clone returns a deep copy.
func (f *Fixture) Clone() *Fixture {
	return &Fixture{Identity: f.Identity.Clone(), Acronis: f.Acronis.Clone(), CloudSSO: f.CloudSSO.Clone()}
}

// Validate reports every inconsistency in the fixture.
func (f *Fixture) Validate() error {
	if err := f.Identity.Validate(); err != nil {
		return fmt.Errorf("identity: %w", err)
	}
	if err := f.Acronis.Validate(); err != nil {
		return fmt.Errorf("acronis: %w", err)
	}
	if err := f.CloudSSO.Validate(); err != nil {
		return fmt.Errorf("cloudsso: %w", err)
	}
	return nil
}

// LoadFixture reads and validates a JSON fixture file.
func LoadFixture(path string) (*Fixture, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("fixture: %w", err)
	}
	fx, err := ParseFixture(data)
	if err != nil {
		return nil, fmt.Errorf("fixture %s: %w", path, err)
	}
	return fx, nil
}

// ParseFixture decodes and validates a JSON fixture. Unknown fields are
// errors, so a misspelt key does not silently fall back to a default.
func ParseFixture(data []byte) (*Fixture, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var fx Fixture
	if err := dec.Decode(&fx); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("invalid JSON: trailing data after the fixture object")
	}
	if err := fx.Validate(); err != nil {
		return nil, err
	}
	return &fx, nil
}
