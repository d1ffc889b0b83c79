// Command authpolicy-emulator serves the in-memory emulators of every API
// terraform-provider-authpolicy drives, on one listener.
//
//	authpolicy-emulator [-listen host:port] [-fixture file]
//	authpolicy-emulator -version
//
// It prints one line per API with the base URL a client should be configured
// with, then a line "ready", and stops cleanly on SIGINT or SIGTERM.
//
// Errors go to standard error, each on a line of its own that starts
// "authpolicy-emulator: ". A fixture that does not load names the file, then
// the line and column, the object and the field (internal/emulator/FIXTURE.md);
// an address already in use says so. The exit status is 0 after a clean stop,
// -h (which prints the usage on standard output) or -version; 1 when the
// emulator cannot start (fixture, address) or stops on an error; 2, the flag
// package's convention, for a mistake on the command line (an unknown flag, a
// flag without its value, a -listen that is not host:port, an argument), whose
// line is followed by the usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

// version is set by goreleaser through -ldflags at release time.
var version = "dev"

const name = "authpolicy-emulator"

// Exit statuses; 2 for usage errors is the flag package's own convention.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process, for tests: it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package would print its error without the program's name; run prints it.
	fs.SetOutput(io.Discard)
	listen := fs.String("listen", "127.0.0.1:8181", "host:port `address` to listen on; port 0 picks a free port")
	fixturePath := fs.String("fixture", "", "JSON fixture `file` (default: the built-in demo fixture)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	usage := func(w io.Writer, format string, args ...any) int {
		code := exitOK
		if format != "" {
			fmt.Fprintf(w, name+": "+format+"\n", args...)
			code = exitUsage
		}
		fmt.Fprintf(w, "Usage: %s [-listen host:port] [-fixture file]\n       %s -version\n", name, name)
		fs.SetOutput(w)
		fs.PrintDefaults()
		return code
	}

	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return usage(stdout, "")
		}
		return usage(stderr, "%v", err)
	}
	// Checked before the arguments: "-listen -fixture f.json" is a -listen without its value.
	if _, _, err := net.SplitHostPort(*listen); err != nil {
		var ae *net.AddrError
		if errors.As(err, &ae) {
			err = errors.New(ae.Err) // without the address, said once already
		}
		return usage(stderr, "invalid value %q for flag -listen: %v", *listen, err)
	}
	if fs.NArg() > 0 {
		return usage(stderr, "unexpected argument %q: the emulator takes only flags", fs.Arg(0))
	}
	if *showVersion {
		fmt.Fprintln(stdout, name, version)
		return exitOK
	}

	if err := serve(ctx, *listen, *fixturePath, stdout); err != nil {
		for line := range strings.SplitSeq(err.Error(), "\n") {
			fmt.Fprintf(stderr, "%s: %s\n", name, line)
		}
		return exitError
	}
	return exitOK
}

// serve runs the emulator until ctx ends.
func serve(ctx context.Context, listen, fixturePath string, out io.Writer) error {
	fx := emulator.DemoFixture()
	if fixturePath != "" {
		var err error
		if fx, err = emulator.LoadFixture(fixturePath); err != nil {
			return err
		}
	}
	srv, err := emulator.New(fx)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return listenError(listen, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	base := "http://" + dialable(ln.Addr())
	for _, api := range srv.APIs() {
		fmt.Fprintf(out, "%s %s\n", api, base)
	}
	fmt.Fprintln(out, "ready")

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// listenError says what to do about the commonest failure, an address in use (often by an
// emulator left running), and otherwise gives the system's reason without net's repetition
// of the address.
func listenError(listen string, err error) error {
	if isAddrInUse(err) {
		return fmt.Errorf("cannot listen on %s: the address is already in use (another emulator running? pick another -listen, or port 0 for a free one)", listen)
	}
	var op *net.OpError
	if errors.As(err, &op) {
		err = op.Err
	}
	return fmt.Errorf("cannot listen on %s: %w", listen, err)
}

// dialable turns a wildcard listen address into one a client can dial.
func dialable(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	host := tcp.IP.String()
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
		if tcp.IP != nil && tcp.IP.To4() == nil {
			host = "::1"
		}
	}
	return net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}
