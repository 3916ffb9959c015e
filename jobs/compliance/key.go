package compliance

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/ccwh/ccwh/load"
	"github.com/ccwh/ccwh/schema"
)

// keyName is the _ccwh_keys row that keys the hashes of erased subjects and holds.
const keyName = "erasure"

// Hasher computes the keyed hashes (HMAC-SHA256) that stand for erased identifiers.
type Hasher struct{ key []byte }

// NewHasher returns a Hasher with the given key (tests; production reads it with LoadHasher).
func NewHasher(key []byte) *Hasher { return &Hasher{key: append([]byte(nil), key...)} }

// Hash is the hex HMAC-SHA256 of kind and value (kind separates e-mails from ids that happen
// to be equal strings).
func (h *Hasher) Hash(kind, value string) string {
	m := hmac.New(sha256.New, h.key)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}

// LoadHasher reads the warehouse's erasure key from _ccwh_keys, creating it on first use (32
// random bytes). When two processes create it at once both rows stay and the oldest (then the
// smallest) wins for everyone, because the key is read back after writing it.
func LoadHasher(ctx context.Context, ch *load.ClickHouse) (*Hasher, error) {
	key, err := readKey(ctx, ch)
	if err != nil {
		return nil, err
	}
	if key == "" {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("compliance: create the erasure key: %w", err)
		}
		row := []any{keyName, hex.EncodeToString(b), time.Now().UTC(), uint64(1)}
		if err := ch.InsertRows(ctx, schema.Keys, [][]any{row}); err != nil {
			return nil, fmt.Errorf("compliance: store the erasure key in %s: %w", schema.Keys.Name, err)
		}
		if key, err = readKey(ctx, ch); err != nil {
			return nil, err
		}
	}
	b, err := hex.DecodeString(key)
	if err != nil || len(b) < 16 {
		return nil, fmt.Errorf("compliance: the erasure key in %s is malformed", schema.Keys.Name)
	}
	return NewHasher(b), nil
}

func readKey(ctx context.Context, ch *load.ClickHouse) (string, error) {
	q := fmt.Sprintf("SELECT key FROM %s WHERE name = ? ORDER BY created_at, key LIMIT 1", tableRef(ch, schema.Keys))
	rows, err := ch.Query(ctx, q, keyName)
	if err != nil {
		return "", fmt.Errorf("compliance: read the erasure key: %w", err)
	}
	defer rows.Close()
	var key string
	for rows.Next() {
		if err := rows.Scan(&key); err != nil {
			return "", fmt.Errorf("compliance: read the erasure key: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("compliance: read the erasure key: %w", err)
	}
	return key, nil
}

// tableRef is db.table, quoted.
func tableRef(ch *load.ClickHouse, t *schema.Table) string {
	return schema.Quote(ch.Database()) + "." + schema.Quote(t.Name)
}
