package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/kith-crm/kith/internal/errs"
)

// Params are argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// OWASPParams are OWASP's recommended argon2id parameters (19 MiB, 2
// passes, 1 lane).
var OWASPParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

// TestParams are cheap parameters for tests and demo data only.
var TestParams = Params{Memory: 64, Time: 1, Threads: 1}

// Hasher hashes and verifies passwords with argon2id. Each hash costs
// Params.Memory, so at most NumCPU run at once; a caller that cannot get a
// slot within a second gets RATE_LIMITED instead of piling up memory.
type Hasher struct {
	params Params
	slots  chan struct{}
}

// NewHasher returns a Hasher with the given parameters.
func NewHasher(p Params) *Hasher {
	return &Hasher{params: p, slots: make(chan struct{}, runtime.NumCPU())}
}

func (h *Hasher) acquire(ctx context.Context) error {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-t.C:
		return errs.E(errs.RateLimited, "too many sign-in attempts right now; try again in a moment")
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }

// Hash returns the PHC string of password.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	return HashWith(h.params, password)
}

// HashWith hashes password with p, without the concurrency limit; for tools
// (demo data, the CLI) that hash once.
func HashWith(p Params, password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// Verify reports whether password matches the PHC string encoded. The
// parameters come from the stored hash, so raising them later keeps old
// hashes valid.
func (h *Hasher) Verify(ctx context.Context, encoded, password string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, fmt.Errorf("auth: unknown hash format")
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, fmt.Errorf("auth: bad hash parameters: %w", err)
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("auth: bad salt: %w", err)
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("auth: bad hash: %w", err)
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
