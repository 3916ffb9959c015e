package main

import (
	"fmt"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"
)

func (g *globals) logger() (zerolog.Logger, error) {
	lvl, err := zerolog.ParseLevel(g.logLevel)
	if err != nil {
		return zerolog.Nop(), usageError{fmt.Errorf("--log-level: %w", err)}
	}
	zerolog.TimeFieldFormat = time.RFC3339Nano
	var w = zerolog.New(os.Stderr)
	switch g.logFormat {
	case "json":
	case "console":
		w = zerolog.New(zerolog.ConsoleWriter{Out: os.Stderr, TimeFormat: "15:04:05"})
	case "auto":
		if isatty.IsTerminal(os.Stderr.Fd()) {
			w = zerolog.New(zerolog.ConsoleWriter{Out: os.Stderr, TimeFormat: "15:04:05"})
		}
	default:
		return zerolog.Nop(), usageError{fmt.Errorf("--log-format %q: want auto, console or json", g.logFormat)}
	}
	return w.Level(lvl).With().Timestamp().Logger(), nil
}
