package load

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// countingHash sees every byte written to a file: its size and SHA-256.
type countingHash struct {
	n int64
	h interface {
		io.Writer
		Sum([]byte) []byte
	}
}

func (c *countingHash) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.h.Write(p)
}

func (c *countingHash) hex() string { return hex.EncodeToString(c.h.Sum(nil)) }

// writeAtomic writes path through a temporary file in the same directory: write, flush, fsync
// the file, rename it over path, fsync the directory. After a crash path is either absent, the
// old file or the complete new one, never a torn file; on error the temporary file is removed.
// It returns the size and SHA-256 of what was written.
func writeAtomic(path string, write func(w io.Writer) error) (size int64, sha string, err error) {
	dir, base := filepath.Split(path)
	// Archives hold customer data: directories 0700, files 0600 (os.CreateTemp's mode).
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, "", fmt.Errorf("create %s: %w", dir, err)
	}
	// The writer's PID is in the name so CleanStrayTemps can tell a crashed writer's leftovers
	// from a file another live process is writing right now.
	f, err := os.CreateTemp(dir, fmt.Sprintf(".%s%s%d-*", base, tmpMarker, os.Getpid()))
	if err != nil {
		return 0, "", fmt.Errorf("create temp file in %s: %w", dir, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	ch := &countingHash{h: sha256.New()}
	bw := bufio.NewWriterSize(io.MultiWriter(f, ch), 1<<20)
	if err = write(bw); err != nil {
		return 0, "", err
	}
	if err = bw.Flush(); err != nil {
		return 0, "", fmt.Errorf("write %s: %w", tmp, err)
	}
	if err = f.Sync(); err != nil {
		return 0, "", fmt.Errorf("fsync %s: %w", tmp, err)
	}
	if err = f.Close(); err != nil {
		return 0, "", fmt.Errorf("close %s: %w", tmp, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return 0, "", fmt.Errorf("rename %s: %w", tmp, err)
	}
	if err := syncDir(dir); err != nil {
		// The file is complete and in place; only its durability across a power loss is in doubt.
		return 0, "", err
	}
	return ch.n, ch.hex(), nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open dir %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("fsync dir %s: %w", dir, err)
	}
	return nil
}

// fileSHA256 streams a file's size and SHA-256.
func fileSHA256(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	ch := &countingHash{h: sha256.New()}
	if _, err := io.Copy(ch, f); err != nil {
		return 0, "", fmt.Errorf("read %s: %w", path, err)
	}
	return ch.n, ch.hex(), nil
}

// tmpMarker separates a temporary file's target name from its writer's PID and random suffix:
// ".<name>.tmp-<pid>-<random>".
const tmpMarker = ".tmp-"

// CleanStrayTemps removes temporary files under dir that a writer left behind when it was
// killed mid-write (their PID no longer runs). Files of live writers are left alone. It returns
// the paths it removed.
func CleanStrayTemps(dir string) ([]string, error) {
	var removed []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || !strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		i := strings.LastIndex(d.Name(), tmpMarker)
		if i < 0 {
			return nil
		}
		pidText, _, _ := strings.Cut(d.Name()[i+len(tmpMarker):], "-")
		pid, perr := strconv.Atoi(pidText)
		if perr == nil && pid > 0 && processAlive(pid) {
			return nil
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove stray temp file %s: %w", p, err)
		}
		removed = append(removed, p)
		return nil
	})
	return removed, err
}

// processAlive reports whether a process with this PID exists (signal 0 probes without sending).
func processAlive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
