package compliance

import "errors"

var (
	// ErrHeld is returned when an erasure would touch data under an active legal hold.
	ErrHeld = errors.New("data is under legal hold")
	// ErrBadSubject is returned for an unusable e-mail, phone, id or conversation.
	ErrBadSubject = errors.New("bad subject")
	// ErrNoHold is returned when a hold id does not exist or was already removed.
	ErrNoHold = errors.New("no such active hold")
)
