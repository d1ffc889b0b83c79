// Command authpolicy-emulator serves the in-memory emulators of every API
// terraform-provider-authpolicy drives, on one listener.
//
//	authpolicy-emulator -listen 127.0.0.1:8181 [-fixture FILE]
//
// It prints one line per API with the base URL a client should be configured
// with, then a line "ready", and stops cleanly on SIGINT or SIGTERM.
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
	"syscall"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "authpolicy-emulator:", err)
		os.Exit(1)
	}
}

// run is main without the process, for tests.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("authpolicy-emulator", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:8181", "address to listen on; port 0 picks a free port")
	fixturePath := fs.String("fixture", "", "JSON fixture file (default: the built-in demo fixture)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}

	fx := emulator.DemoFixture()
	if *fixturePath != "" {
		var err error
		if fx, err = emulator.LoadFixture(*fixturePath); err != nil {
			return err
		}
	}
	srv, err := emulator.New(fx)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	base := "http://" + dialable(ln.Addr())
	for _, name := range srv.APIs() {
		fmt.Fprintf(out, "%s %s\n", name, base)
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
