package sandbox

// rng is a splitmix64 stream: every synthetic value is a pure function of (seed, entity, salt),
// so any record can be regenerated on demand without storing data.
type rng struct{ s uint64 }

func newRNG(seed int64, entity int64, salt uint64) *rng {
	r := &rng{s: uint64(seed)*0x9E3779B97F4A7C15 ^ uint64(entity)*0xBF58476D1CE4E5B9 ^ salt*0x94D049BB133111EB}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9E3779B97F4A7C15
	z := r.s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// intn returns a value in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns a value in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// pct returns a value in [0, 100).
func (r *rng) pct() int { return r.intn(100) }

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }
