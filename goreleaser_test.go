package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// GoReleaser itself is not a dependency of this module, so these tests stand in for
// `goreleaser check` on what matters here: the strict parse (a misspelt key fails, as it fails
// GoReleaser) and the release's shape, the provider for the Terraform Registry and the emulator
// beside it on the same platforms.

// goreleaserConfig mirrors the GoReleaser v2 keys .goreleaser.yml uses and no others, so that
// the strict decode refuses a key this test does not know.
type goreleaserConfig struct {
	Version int `yaml:"version"`
	Before  struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Builds   []goreleaserBuild   `yaml:"builds"`
	Archives []goreleaserArchive `yaml:"archives"`
	Checksum struct {
		ExtraFiles   []goreleaserExtraFile `yaml:"extra_files"`
		NameTemplate string                `yaml:"name_template"`
		Algorithm    string                `yaml:"algorithm"`
	} `yaml:"checksum"`
	Signs []struct {
		Artifacts string   `yaml:"artifacts"`
		Args      []string `yaml:"args"`
	} `yaml:"signs"`
	Release struct {
		ExtraFiles []goreleaserExtraFile `yaml:"extra_files"`
	} `yaml:"release"`
	Changelog struct {
		Disable bool `yaml:"disable"`
	} `yaml:"changelog"`
}

type goreleaserBuild struct {
	ID           string             `yaml:"id"`
	Main         string             `yaml:"main"`
	Binary       string             `yaml:"binary"`
	Env          []string           `yaml:"env"`
	ModTimestamp string             `yaml:"mod_timestamp"`
	Flags        []string           `yaml:"flags"`
	Ldflags      []string           `yaml:"ldflags"`
	Goos         []string           `yaml:"goos"`
	Goarch       []string           `yaml:"goarch"`
	Ignore       []goreleaserIgnore `yaml:"ignore"`
}

type goreleaserIgnore struct {
	Goos   string `yaml:"goos"`
	Goarch string `yaml:"goarch"`
}

type goreleaserArchive struct {
	ID           string   `yaml:"id"`
	IDs          []string `yaml:"ids"`
	Formats      []string `yaml:"formats"`
	NameTemplate string   `yaml:"name_template"`
}

type goreleaserExtraFile struct {
	Glob         string `yaml:"glob"`
	NameTemplate string `yaml:"name_template"`
}

const (
	emulatorMain = "./internal/emulator/cmd/authpolicy-emulator"
	// The registry wants terraform-provider-NAME_vVERSION in a zip named
	// terraform-provider-NAME_VERSION_OS_ARCH.zip, next to _SHA256SUMS, its .sig and _manifest.json.
	providerBinary       = "{{ .ProjectName }}_v{{ .Version }}"
	providerArchiveName  = "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}"
	emulatorBinary       = "authpolicy-emulator"
	emulatorArchiveName  = "authpolicy-emulator_{{ .Version }}_{{ .Os }}_{{ .Arch }}"
	checksumName         = "{{ .ProjectName }}_{{ .Version }}_SHA256SUMS"
	manifestFile         = "terraform-registry-manifest.json"
	manifestName         = "{{ .ProjectName }}_{{ .Version }}_manifest.json"
	versionLdflag        = "-X main.version={{ .Version }}"
	goreleaserConfigFile = ".goreleaser.yml"
)

// parseGoreleaser decodes one YAML document strictly. YAML anchors, aliases and merge keys are
// resolved as GoReleaser's YAML parser resolves them.
func parseGoreleaser(data []byte) (goreleaserConfig, error) {
	var cfg goreleaserConfig
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		return cfg, err
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return cfg, errors.New("more than one YAML document")
	}
	return cfg, nil
}

// checkGoreleaser returns what is wrong with cfg, in the order checked; root is the module's
// directory, where the main packages and the manifest are looked for, and targets the
// GOOS/GOARCH pairs Go builds.
func checkGoreleaser(cfg goreleaserConfig, root string, targets []string) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if cfg.Version != 2 {
		bad("version is %d, want 2", cfg.Version)
	}

	if len(cfg.Builds) != 2 {
		bad("builds: %d, want 2 (the provider and the emulator)", len(cfg.Builds))
		return problems
	}
	var provider, emulator *goreleaserBuild
	for i := range cfg.Builds {
		b := &cfg.Builds[i]
		switch b.Main {
		case ".":
			provider = b
		case emulatorMain:
			emulator = b
		default:
			bad("build %q: main %q is neither . nor %s", b.ID, b.Main, emulatorMain)
		}
	}
	if provider == nil || emulator == nil {
		bad("the builds must be the provider (main .) and the emulator (main %s)", emulatorMain)
		return problems
	}
	if provider.ID == "" || emulator.ID == "" || provider.ID == emulator.ID {
		bad("the builds need ids of their own, have %q and %q", provider.ID, emulator.ID)
		return problems
	}
	if provider.Binary != providerBinary {
		bad("build %q: binary %q, want %q", provider.ID, provider.Binary, providerBinary)
	}
	if emulator.Binary != emulatorBinary {
		bad("build %q: binary %q, want %q", emulator.ID, emulator.Binary, emulatorBinary)
	}
	for _, b := range []*goreleaserBuild{provider, emulator} {
		if !slices.Contains(b.Env, "CGO_ENABLED=0") {
			bad("build %q: env lacks CGO_ENABLED=0", b.ID)
		}
		if !slices.Contains(b.Flags, "-trimpath") {
			bad("build %q: flags lack -trimpath", b.ID)
		}
		if !strings.Contains(strings.Join(b.Ldflags, " "), versionLdflag) {
			bad("build %q: ldflags lack %s", b.ID, versionLdflag)
		}
		if b.ModTimestamp != "{{ .CommitTimestamp }}" {
			bad("build %q: mod_timestamp %q, want {{ .CommitTimestamp }} (reproducible builds)", b.ID, b.ModTimestamp)
		}
		if err := checkMainPackage(filepath.Join(root, filepath.FromSlash(b.Main))); err != nil {
			bad("build %q: %v", b.ID, err)
		}
		for _, ig := range b.Ignore {
			if !slices.Contains(b.Goos, ig.Goos) || !slices.Contains(b.Goarch, ig.Goarch) {
				bad("build %q: ignore %s/%s is not one of its platforms", b.ID, ig.Goos, ig.Goarch)
			}
		}
	}
	pp, ep := platforms(*provider, targets), platforms(*emulator, targets)
	if len(pp) == 0 {
		bad("build %q: no platforms", provider.ID)
	}
	if !slices.Equal(pp, ep) {
		bad("the emulator's platforms %v differ from the provider's %v", ep, pp)
	}

	archiveFor := map[string]goreleaserArchive{}
	if len(cfg.Archives) != 2 {
		bad("archives: %d, want 2 (the provider's and the emulator's)", len(cfg.Archives))
	}
	for _, a := range cfg.Archives {
		if len(a.IDs) != 1 {
			bad("archive %q: ids %v, want exactly one build", a.ID, a.IDs)
			continue
		}
		if a.IDs[0] != provider.ID && a.IDs[0] != emulator.ID {
			bad("archive %q: ids %v name no build", a.ID, a.IDs)
			continue
		}
		if _, dup := archiveFor[a.IDs[0]]; dup {
			bad("archive %q: build %q is already archived", a.ID, a.IDs[0])
			continue
		}
		archiveFor[a.IDs[0]] = a
		if !slices.Equal(a.Formats, []string{"zip"}) {
			bad("archive %q: formats %v, want [zip]", a.ID, a.Formats)
		}
	}
	pa, pok := archiveFor[provider.ID]
	ea, eok := archiveFor[emulator.ID]
	switch {
	case !pok:
		bad("no archive selects the provider's build %q", provider.ID)
	case pa.NameTemplate != providerArchiveName:
		bad("archive %q: name_template %q, want %q", pa.ID, pa.NameTemplate, providerArchiveName)
	}
	switch {
	case !eok:
		bad("no archive selects the emulator's build %q", emulator.ID)
	case ea.NameTemplate != emulatorArchiveName:
		bad("archive %q: name_template %q, want %q", ea.ID, ea.NameTemplate, emulatorArchiveName)
	}
	if pok && eok && (pa.ID == ea.ID || pa.NameTemplate == ea.NameTemplate) {
		bad("the provider's and the emulator's archives need their own id and name_template")
	}

	manifest := []goreleaserExtraFile{{Glob: manifestFile, NameTemplate: manifestName}}
	if cfg.Checksum.NameTemplate != checksumName || cfg.Checksum.Algorithm != "sha256" {
		bad("checksum: name_template %q and algorithm %q, want %q and sha256", cfg.Checksum.NameTemplate, cfg.Checksum.Algorithm, checksumName)
	}
	if !slices.Equal(cfg.Checksum.ExtraFiles, manifest) {
		bad("checksum: extra_files %v, want the registry manifest %v", cfg.Checksum.ExtraFiles, manifest)
	}
	if !slices.Equal(cfg.Release.ExtraFiles, manifest) {
		bad("release: extra_files %v, want the registry manifest %v", cfg.Release.ExtraFiles, manifest)
	}
	if err := checkManifest(filepath.Join(root, manifestFile)); err != nil {
		bad("%s: %v", manifestFile, err)
	}

	if len(cfg.Signs) != 1 {
		bad("signs: %d, want 1 (the checksum file's)", len(cfg.Signs))
	} else {
		s := cfg.Signs[0]
		i := slices.Index(s.Args, "--output")
		if s.Artifacts != "checksum" || !slices.Contains(s.Args, "--detach-sign") || i < 0 || i+1 >= len(s.Args) ||
			s.Args[i+1] != "${signature}" || s.Args[len(s.Args)-1] != "${artifact}" {
			bad("signs: artifacts %q with args %q, want a detached signature of the checksum file", s.Artifacts, s.Args)
		}
	}
	return problems
}

// platforms is what GoReleaser builds: goos × goarch, only the pairs Go builds (targets),
// without the ignored ones; sorted.
func platforms(b goreleaserBuild, targets []string) []string {
	var out []string
	for _, goos := range b.Goos {
		for _, goarch := range b.Goarch {
			if slices.Contains(targets, goos+"/"+goarch) && !slices.Contains(b.Ignore, goreleaserIgnore{Goos: goos, Goarch: goarch}) {
				out = append(out, goos+"/"+goarch)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// checkMainPackage makes sure dir holds a main package with func main and the version variable
// the ldflags set (-X on a missing variable is silently ignored).
func checkMainPackage(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return err
	}
	hasMain, hasVersion := false, false
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if file.Name.Name != "main" {
			return fmt.Errorf("%s is package %s, not main", filepath.ToSlash(f), file.Name.Name)
		}
		hasMain = hasMain || slices.ContainsFunc(file.Decls, func(d ast.Decl) bool {
			fn, ok := d.(*ast.FuncDecl)
			return ok && fn.Recv == nil && fn.Name.Name == "main"
		})
		hasVersion = hasVersion || slices.ContainsFunc(file.Decls, func(d ast.Decl) bool {
			gd, ok := d.(*ast.GenDecl)
			return ok && gd.Tok == token.VAR && slices.ContainsFunc(gd.Specs, func(s ast.Spec) bool {
				vs, ok := s.(*ast.ValueSpec)
				return ok && slices.ContainsFunc(vs.Names, func(n *ast.Ident) bool { return n.Name == "version" })
			})
		})
	}
	switch {
	case !hasMain:
		return fmt.Errorf("no package main with func main in %s", filepath.ToSlash(dir))
	case !hasVersion:
		return fmt.Errorf("package main in %s has no version variable for %s", filepath.ToSlash(dir), versionLdflag)
	}
	return nil
}

// checkManifest: the registry reads the protocol version from the manifest; the provider
// serves protocol 6.
func checkManifest(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var m struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	if m.Version != 1 || !slices.Equal(m.Metadata.ProtocolVersions, []string{"6.0"}) {
		return fmt.Errorf("version %d, protocol_versions %v; want 1 and [6.0]", m.Version, m.Metadata.ProtocolVersions)
	}
	return nil
}

// goTargets are the GOOS/GOARCH pairs of the Go toolchain that runs the tests (go test puts its
// bin first on PATH): in this matrix it has no darwin/386, darwin/arm or, since Go 1.26,
// windows/arm, and GoReleaser builds none of those.
func goTargets(t *testing.T) []string {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), "go", "tool", "dist", "list").Output()
	if err != nil {
		t.Fatalf("go tool dist list: %v", err)
	}
	return strings.Fields(string(out))
}

func readGoreleaser(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(goreleaserConfigFile)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestGoreleaserConfig(t *testing.T) {
	cfg, err := parseGoreleaser(readGoreleaser(t))
	if err != nil {
		t.Fatalf("%s: %v", goreleaserConfigFile, err)
	}
	targets := goTargets(t)
	for _, p := range checkGoreleaser(cfg, ".", targets) {
		t.Errorf("%s: %s", goreleaserConfigFile, p)
	}
	// The merge key put the shared settings in both builds, and the platforms are the ones the
	// provider shipped for before.
	want := []string{
		"darwin/amd64", "darwin/arm64", "freebsd/386", "freebsd/amd64", "freebsd/arm", "freebsd/arm64",
		"linux/386", "linux/amd64", "linux/arm", "linux/arm64", "windows/386", "windows/amd64", "windows/arm64",
	}
	for _, b := range cfg.Builds {
		if got := platforms(b, targets); !slices.Equal(got, want) {
			t.Errorf("build %q: platforms %v, want %v", b.ID, got, want)
		}
	}
}

// TestGoreleaserConfigCheckFails: each mistake in the configuration fails the check, with a
// message that names it.
func TestGoreleaserConfigCheckFails(t *testing.T) {
	good := readGoreleaser(t)
	targets := goTargets(t)
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}

	// Edits of the text: the strict parse refuses a key it does not know, at its line.
	for _, tc := range []struct{ name, old, new, at, want string }{
		{"misspelt key", "    name_template: \"authpolicy-emulator_", "    name_templat: \"authpolicy-emulator_",
			"    name_templat:", "field name_templat not found in type main.goreleaserArchive"},
		{"unknown top-level key", "changelog:\n", "changelogs:\n", "changelogs:", "field changelogs not found in type main.goreleaserConfig"},
		{"key GoReleaser has that this test does not know", "    formats: [zip]\n    name_template: \"authpolicy",
			"    formats: [zip]\n    files: [none*]\n    name_template: \"authpolicy", "    files: [none*]",
			"field files not found in type main.goreleaserArchive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edited := strings.Replace(string(good), tc.old, tc.new, 1)
			if edited == string(good) {
				t.Fatalf("%q is not in %s", tc.old, goreleaserConfigFile)
			}
			line := strings.Count(edited[:strings.Index(edited, tc.at)], "\n") + 1
			want := fmt.Sprintf("yaml: unmarshal errors:\n  line %d: %s", line, tc.want)
			if _, err := parseGoreleaser([]byte(edited)); err == nil || err.Error() != want {
				t.Errorf("error = %v, want %q", err, want)
			}
		})
	}
	t.Run("emulator without the shared settings", func(t *testing.T) {
		edited := strings.Replace(string(good), "    binary: authpolicy-emulator\n    <<: *shared\n", "    binary: authpolicy-emulator\n", 1)
		if edited == string(good) {
			t.Fatal("the emulator's merge key is not where this test expects it")
		}
		cfg, err := parseGoreleaser([]byte(edited))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			`build "authpolicy-emulator": env lacks CGO_ENABLED=0`,
			`build "authpolicy-emulator": flags lack -trimpath`,
			`build "authpolicy-emulator": ldflags lack -X main.version={{ .Version }}`,
			`build "authpolicy-emulator": mod_timestamp "", want {{ .CommitTimestamp }} (reproducible builds)`,
			`the emulator's platforms [] differ from the provider's [darwin/amd64 darwin/arm64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 linux/386 linux/amd64 linux/arm linux/arm64 windows/386 windows/amd64 windows/arm64]`,
		}
		if got := checkGoreleaser(cfg, root, targets); !slices.Equal(got, want) {
			t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	// Edits of the parsed configuration: the release's shape. Each is applied to a fresh copy.
	for _, tc := range []struct {
		name string
		edit func(*goreleaserConfig)
		want []string
	}{
		{"version 1", func(c *goreleaserConfig) { c.Version = 1 }, []string{"version is 1, want 2"}},
		{"emulator lost a platform", func(c *goreleaserConfig) { c.Builds[1].Goarch = []string{"amd64", "386", "arm"} }, []string{
			"the emulator's platforms [darwin/amd64 freebsd/386 freebsd/amd64 freebsd/arm linux/386 linux/amd64 linux/arm windows/386 windows/amd64] " +
				"differ from the provider's [darwin/amd64 darwin/arm64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 linux/386 linux/amd64 linux/arm linux/arm64 windows/386 windows/amd64 windows/arm64]",
		}},
		{"emulator ignores one more platform", func(c *goreleaserConfig) {
			c.Builds[1].Ignore = append(slices.Clone(c.Builds[1].Ignore), c.Builds[1].Ignore[0])
			c.Builds[1].Ignore[1].Goos = "windows"
		}, []string{
			"the emulator's platforms [darwin/amd64 darwin/arm64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 linux/386 linux/amd64 linux/arm linux/arm64 windows/amd64 windows/arm64] " +
				"differ from the provider's [darwin/amd64 darwin/arm64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 linux/386 linux/amd64 linux/arm linux/arm64 windows/386 windows/amd64 windows/arm64]",
		}},
		{"ignore of a platform never built", func(c *goreleaserConfig) { c.Builds[0].Ignore[0].Goos = "darwn" }, []string{
			`build "provider": ignore darwn/386 is not one of its platforms`,
		}},
		{"one build only", func(c *goreleaserConfig) { c.Builds = c.Builds[:1] }, []string{"builds: 1, want 2 (the provider and the emulator)"}},
		{"emulator main elsewhere", func(c *goreleaserConfig) { c.Builds[1].Main = "./cmd/authpolicy-emulator" }, []string{
			`build "authpolicy-emulator": main "./cmd/authpolicy-emulator" is neither . nor ./internal/emulator/cmd/authpolicy-emulator`,
			"the builds must be the provider (main .) and the emulator (main ./internal/emulator/cmd/authpolicy-emulator)",
		}},
		{"provider binary renamed", func(c *goreleaserConfig) { c.Builds[0].Binary = "terraform-provider-authpolicy" }, []string{
			`build "provider": binary "terraform-provider-authpolicy", want "{{ .ProjectName }}_v{{ .Version }}"`,
		}},
		{"same build ids", func(c *goreleaserConfig) { c.Builds[1].ID = "provider" }, []string{
			`the builds need ids of their own, have "provider" and "provider"`,
		}},
		{"archive of an unknown build", func(c *goreleaserConfig) { c.Archives[1].IDs = []string{"emulator"} }, []string{
			`archive "authpolicy-emulator": ids [emulator] name no build`,
			`no archive selects the emulator's build "authpolicy-emulator"`,
		}},
		{"both archives of the provider", func(c *goreleaserConfig) { c.Archives[1].IDs = []string{"provider"} }, []string{
			`archive "authpolicy-emulator": build "provider" is already archived`,
			`no archive selects the emulator's build "authpolicy-emulator"`,
		}},
		{"no signature", func(c *goreleaserConfig) { c.Signs = nil }, []string{"signs: 0, want 1 (the checksum file's)"}},
		{"provider archive takes both builds", func(c *goreleaserConfig) { c.Archives[0].IDs = []string{"provider", "authpolicy-emulator"} }, []string{
			`archive "provider": ids [provider authpolicy-emulator], want exactly one build`,
			`no archive selects the provider's build "provider"`,
		}},
		{"archive without ids", func(c *goreleaserConfig) { c.Archives[1].IDs = nil }, []string{
			`archive "authpolicy-emulator": ids [], want exactly one build`,
			`no archive selects the emulator's build "authpolicy-emulator"`,
		}},
		{"emulator archive named as the provider's", func(c *goreleaserConfig) { c.Archives[1].NameTemplate = providerArchiveName }, []string{
			`archive "authpolicy-emulator": name_template "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}", want "authpolicy-emulator_{{ .Version }}_{{ .Os }}_{{ .Arch }}"`,
			"the provider's and the emulator's archives need their own id and name_template",
		}},
		{"provider archive as tar.gz", func(c *goreleaserConfig) { c.Archives[0].Formats = []string{"tar.gz"} }, []string{
			`archive "provider": formats [tar.gz], want [zip]`,
		}},
		{"no manifest in the checksums", func(c *goreleaserConfig) { c.Checksum.ExtraFiles = nil }, []string{
			"checksum: extra_files [], want the registry manifest [{terraform-registry-manifest.json {{ .ProjectName }}_{{ .Version }}_manifest.json}]",
		}},
		{"signature of every artifact", func(c *goreleaserConfig) { c.Signs[0].Artifacts = "all" }, []string{
			`signs: artifacts "all" with args ["--batch" "--local-user" "{{ .Env.GPG_FINGERPRINT }}" "--output" "${signature}" "--detach-sign" "${artifact}"], want a detached signature of the checksum file`,
		}},
		{"cgo", func(c *goreleaserConfig) { c.Builds[0].Env = nil }, []string{`build "provider": env lacks CGO_ENABLED=0`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parseGoreleaser(good)
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(&cfg)
			if got := checkGoreleaser(cfg, root, targets); !slices.Equal(got, tc.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}

	t.Run("main package without version", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("package main in %s has no version variable for -X main.version={{ .Version }}", filepath.ToSlash(dir))
		if err := checkMainPackage(dir); err == nil || err.Error() != want {
			t.Errorf("error = %v, want %q", err, want)
		}
		want = fmt.Sprintf("no package main with func main in %s", filepath.ToSlash(filepath.Join(dir, "none")))
		if err := checkMainPackage(filepath.Join(dir, "none")); err == nil || err.Error() != want {
			t.Errorf("error = %v, want %q", err, want)
		}
	})
}
