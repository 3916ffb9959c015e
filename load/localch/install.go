package localch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/rs/zerolog"
)

// serverBinary is the ClickHouse server executable; Debian installs it in /usr/sbin, which is not
// on a normal user's PATH.
const serverBinary = "clickhouse-server"

var searchDirs = []string{"/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"}

// installHint tells a person how to get the server.
const installHint = "install it with `apt-get install -y clickhouse-server clickhouse-client` " +
	"(as root, after `apt-get update`) or put clickhouse-server on PATH"

// findServer returns the path of clickhouse-server: PATH first, then the usual system folders.
func findServer() (string, error) {
	if p, err := exec.LookPath(serverBinary); err == nil {
		return p, nil
	}
	for _, d := range searchDirs {
		p := filepath.Join(d, serverBinary)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: %s not found on PATH or in %s; %s",
		ErrNotInstalled, serverBinary, strings.Join(searchDirs, ", "), installHint)
}

// EnsureInstalled makes sure clickhouse-server is installed. When it is missing and the process
// runs as root on a machine with apt-get, it installs Debian's clickhouse-server and
// clickhouse-client packages (running apt-get update first when the package lists are empty, and
// once more if the install fails). Otherwise it returns an error that says how to install it.
func EnsureInstalled(ctx context.Context, log zerolog.Logger) error {
	if _, err := findServer(); err == nil {
		return nil
	}
	aptGet, err := exec.LookPath("apt-get")
	if err != nil {
		return fmt.Errorf("%w: no apt-get on this machine; %s", ErrNotInstalled, installHint)
	}
	if os.Geteuid() != 0 {
		return fmt.Errorf("%w: not running as root, so not installing it; %s", ErrNotInstalled, installHint)
	}
	updated := false
	if aptListsEmpty() {
		if err := runApt(ctx, log, aptGet, "update"); err != nil {
			return err
		}
		updated = true
	}
	err = runApt(ctx, log, aptGet, "install", "-y", "--no-install-recommends", "clickhouse-server", "clickhouse-client")
	if err != nil && !updated {
		if uerr := runApt(ctx, log, aptGet, "update"); uerr != nil {
			return fmt.Errorf("%w (and then: %v)", err, uerr)
		}
		err = runApt(ctx, log, aptGet, "install", "-y", "--no-install-recommends", "clickhouse-server", "clickhouse-client")
	}
	if err != nil {
		return err
	}
	if _, err := findServer(); err != nil {
		return fmt.Errorf("localch: apt-get installed the packages but: %w", err)
	}
	return nil
}

// aptListsEmpty reports whether apt has never fetched its package lists.
func aptListsEmpty() bool {
	ents, err := os.ReadDir("/var/lib/apt/lists")
	if err != nil {
		return true
	}
	for _, e := range ents {
		if !e.IsDir() && e.Name() != "lock" {
			return false
		}
	}
	return true
}

func runApt(ctx context.Context, log zerolog.Logger, aptGet string, args ...string) error {
	log.Info().Str("cmd", "apt-get "+strings.Join(args, " ")).Msg("installing ClickHouse")
	cmd := exec.CommandContext(ctx, aptGet, args...)
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("localch: apt-get %s: %w\n%s", strings.Join(args, " "), err, tail(out.String(), 2000))
	}
	return nil
}

// tail returns at most the last n bytes of s, starting at a line boundary when possible.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[len(s)-n:]
	if i := strings.IndexByte(s, '\n'); i >= 0 && i < len(s)-1 {
		s = s[i+1:]
	}
	return "…" + s
}
