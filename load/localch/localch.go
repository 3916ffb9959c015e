// Package localch runs a private, throw-away ClickHouse server for development, demos and tests:
// its own directory, its own free loopback ports, a child process in its own process group. It
// never touches a system server.
package localch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/rs/zerolog"
)

// Timeouts of the server's life cycle.
const (
	startTimeout = 30 * time.Second // when ctx has no deadline
	stopTimeout  = 15 * time.Second // SIGTERM → SIGKILL
	pollEvery    = 25 * time.Millisecond
	startTries   = 3 // a free port can be taken between choosing and binding it
)

// Server is a running private ClickHouse server.
type Server struct {
	Addr     string // 127.0.0.1:<native tcp port>, for load.Options.Addr
	HTTPPort int
	Dir      string
	Version  string // as reported by SELECT version()

	cmd     *exec.Cmd
	done    chan struct{} // closed when the process has exited
	waitErr error         // valid after done
	ownDir  bool          // Dir was created by Start and is removed by Stop
	log     zerolog.Logger

	stopOnce sync.Once
	stopErr  error
}

// Start starts clickhouse-server as a child process with its configuration, data and logs under
// dir (a new temporary directory, removed again by Stop, when dir is empty), on free loopback
// ports, and waits until it answers a native-protocol ping. The server runs in its own process
// group and, on Linux, is killed when the parent process dies.
func Start(ctx context.Context, dir string, log zerolog.Logger) (*Server, error) {
	bin, err := findServer()
	if err != nil {
		return nil, err
	}
	ownDir := false
	if dir == "" {
		if dir, err = os.MkdirTemp("", "ccwh-clickhouse-"); err != nil {
			return nil, fmt.Errorf("localch: temp dir: %w", err)
		}
		ownDir = true
	} else if dir, err = filepath.Abs(dir); err != nil {
		return nil, fmt.Errorf("localch: dir: %w", err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, startTimeout)
		defer cancel()
	}
	for try := 1; ; try++ {
		s, err := start(ctx, bin, dir, log)
		if err == nil {
			s.ownDir = ownDir
			log.Debug().Str("addr", s.Addr).Int("http_port", s.HTTPPort).Str("dir", dir).
				Str("version", s.Version).Msg("clickhouse started")
			return s, nil
		}
		// Only an early exit is worth another try (most likely a port taken meanwhile).
		if !errors.Is(err, errExited) || try == startTries || ctx.Err() != nil {
			if ownDir {
				_ = os.RemoveAll(dir)
			}
			return nil, err
		}
		log.Debug().Err(err).Int("try", try).Msg("clickhouse exited during start, retrying on new ports")
	}
}

var errExited = errors.New("exited during start")

func start(ctx context.Context, bin, dir string, log zerolog.Logger) (*Server, error) {
	ports, err := freePorts(2)
	if err != nil {
		return nil, err
	}
	if err := writeConfig(dir, ports[0], ports[1]); err != nil {
		return nil, err
	}
	stdio, err := os.OpenFile(filepath.Join(dir, logDir, stdioLog), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("localch: open log: %w", err)
	}
	defer stdio.Close() // the child keeps its own descriptor

	// Not CommandContext: ctx bounds the start, not the server's life.
	cmd := exec.Command(bin, "--config-file="+filepath.Join(dir, configFile))
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdio, stdio
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%w: exec %s: %v", ErrStart, bin, err)
	}
	s := &Server{
		Addr:     net.JoinHostPort("127.0.0.1", strconv.Itoa(ports[0])),
		HTTPPort: ports[1],
		Dir:      dir,
		cmd:      cmd,
		done:     make(chan struct{}),
		log:      log,
	}
	go func() {
		s.waitErr = cmd.Wait()
		close(s.done)
	}()
	if err := s.waitReady(ctx); err != nil {
		_ = s.Stop()
		return nil, err
	}
	return s, nil
}

// waitReady pings the native port until the server answers, exits or ctx ends.
func (s *Server) waitReady(ctx context.Context) error {
	conn, err := clickhouse.Open(&clickhouse.Options{
		Addr:        []string{s.Addr},
		Protocol:    clickhouse.Native,
		DialTimeout: time.Second,
		ReadTimeout: 10 * time.Second,
	})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrStart, err)
	}
	defer conn.Close()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	var last error
	for {
		if last = conn.Ping(ctx); last == nil {
			break
		}
		select {
		case <-s.done:
			return fmt.Errorf("%w: %w (%v) at %s; logs in %s:\n%s", ErrStart, errExited, s.waitErr, s.Addr,
				filepath.Join(s.Dir, logDir), s.logTail())
		case <-ctx.Done():
			return fmt.Errorf("%w: no answer at %s: %w (last ping: %v); logs in %s:\n%s", ErrStart, s.Addr,
				ctx.Err(), last, filepath.Join(s.Dir, logDir), s.logTail())
		case <-tick.C:
		}
	}
	if err := conn.QueryRow(ctx, "SELECT version()").Scan(&s.Version); err != nil {
		return fmt.Errorf("%w: SELECT version() at %s: %v", ErrStart, s.Addr, err)
	}
	return nil
}

// Stop sends SIGTERM to the server's process group, waits for it to exit and sends SIGKILL after
// a timeout. It removes the directory when Start created it. Calling it again is a no-op.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() { s.stopErr = s.stop() })
	return s.stopErr
}

func (s *Server) stop() error {
	if s.cmd == nil || s.cmd.Process == nil {
		return nil
	}
	pgid := s.cmd.Process.Pid
	select {
	case <-s.done:
	default:
		_ = signalGroup(pgid, syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(stopTimeout):
			s.log.Warn().Str("addr", s.Addr).Msg("clickhouse ignored SIGTERM, killing it")
			_ = signalGroup(pgid, syscall.SIGKILL)
			<-s.done
		}
	}
	if s.ownDir {
		if err := os.RemoveAll(s.Dir); err != nil {
			return fmt.Errorf("localch: remove %s: %w", s.Dir, err)
		}
	}
	return nil
}

// Exited reports whether the server process has exited (crashed or stopped).
func (s *Server) Exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// logTail returns the end of the server's error log and its console output.
func (s *Server) logTail() string {
	var out string
	for _, name := range []string{errorLog, stdioLog} {
		b, err := os.ReadFile(filepath.Join(s.Dir, logDir, name))
		if err == nil && len(b) > 0 {
			out += name + ":\n" + tail(string(b), 1500) + "\n"
		}
	}
	return out
}

// freePorts asks the kernel for n distinct free loopback ports.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	ls := make([]net.Listener, 0, n)
	defer func() {
		for _, l := range ls {
			_ = l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("localch: free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}
