package settings

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/kith-crm/kith/ent/setting"
)

// secretKey is the settings row holding the generated signing key. It is
// never part of Settings, so no API returns it.
const secretKey = "signing_secret"

// MinSecretLen is the shortest KITH_SECRET accepted.
const MinSecretLen = 32

// Secret returns the key that signs links in mail (unsubscribe, confirmation,
// surveys). A configured value wins; otherwise one is generated on first use
// and kept in the database, so every replica shares it. Concurrent first
// calls on several replicas agree: the first insert wins and the others read it.
func (s *Store) Secret(ctx context.Context, configured string) ([]byte, error) {
	if configured != "" {
		if len(configured) < MinSecretLen {
			return nil, fmt.Errorf("settings: KITH_SECRET must have at least %d characters", MinSecretLen)
		}
		return []byte(configured), nil
	}
	sys := system(ctx)
	read := func() ([]byte, error) {
		row, err := s.Client.Setting.Query().Where(setting.Key(secretKey)).Only(sys)
		if err != nil {
			return nil, err
		}
		var v string
		if err := json.Unmarshal([]byte(row.Value), &v); err != nil {
			return nil, fmt.Errorf("settings: stored secret is corrupt: %w", err)
		}
		return base64.RawStdEncoding.DecodeString(v)
	}
	if b, err := read(); err == nil {
		return b, nil
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	val, _ := json.Marshal(base64.RawStdEncoding.EncodeToString(raw))
	// DO NOTHING on conflict: another replica generated it first; use theirs.
	err := s.Client.Setting.Create().SetKey(secretKey).SetValue(string(val)).
		OnConflictColumns(setting.FieldKey).DoNothing().Exec(sys)
	if err != nil && err.Error() != "sql: no rows in result set" {
		return nil, err
	}
	return read()
}
